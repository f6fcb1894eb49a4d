"""The facilitator's console (`simulasi console`): the room's roster, live, and the commands
that run the room (pause, resume, message, end), sent through the store."""
