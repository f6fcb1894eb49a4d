"""The room: `simulasi serve` serves the game to trainees' browsers with textual-serve.

One `simulasi play` process per browser tab over a websocket (textual-serve's own protocol
and its xterm.js page); this package adds what a workshop room needs around it: a join code
(checked before any process starts), a lockout for guessed codes, a cap on live players, and a
seat token (a cookie) that brings a trainee back to their own unfinished run. See
`simulasi.web.room`.
"""

#: The browser's session token, given by `simulasi serve` to the game it spawns (here, not in
#: `simulasi.web.room`, so that the game reads it without importing the web server).
SEAT_VARIABLE = "SIMULASI_SEAT"
