"""Properties of the room's records over generated scenarios and answer scripts: a room's
pauses (however long, since paused time is not scenario time) and messages change nothing in
a run or its score, a room's end scores as the trainee's own finish, and every such log
replays to itself."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS, Case, cases, drive

from scoring import score, score_run
from simulasi.engine import Run


def _with_room(case: Case, marks: list[int], *, room_end: bool) -> Run:
    """Play the script as `drive` does, with a room pause, resume and message before the
    steps numbered in `marks`, and the end by the room (`room_end`) or by the trainee."""
    run = Run(case.scenario, practice=case.practice, history=True)
    run.start(0.0, room=0)
    now, seq = 0.0, 0
    for index, step in enumerate(case.steps):
        if run.ended:
            break
        if index in marks:
            run.pause(now, room=(seq := seq + 1))
            run.message(now, f"pesan {seq}", room=(seq := seq + 1))
            run.resume(now, room=(seq := seq + 1))
            if run.ended:
                break
        now += step.dt
        run.advance(now)
        if run.ended or step.pick is None or not run.pending:
            continue
        event = run.pending[step.pick % len(run.pending)].event
        available = run.available_choices(event)
        if available:
            run.choose(event, available[step.option % len(available)], now)
    if not run.ended:
        run.finish(now, room=seq + 1 if room_end else None)
    return run


@SETTINGS
@given(cases(), st.lists(st.integers(0, 10), max_size=4), st.booleans())
def test_room_records_change_nothing_but_the_log(
    case: Case, marks: list[int], room_end: bool
) -> None:
    plain = drive(case).run
    roomed = _with_room(case, marks, room_end=room_end)
    assert score_run(roomed) == score_run(plain)
    assert dict(roomed.meters) == dict(plain.meters)
    assert roomed.ending == plain.ending
    # Without the room's own records the log is the plain run's.
    bare = [r for r in roomed.log if r.kind not in ("pause", "resume", "message")]
    assert [r._replace(room=None) for r in bare] == list(plain.log)
    # The log replays to itself and scores as the run did.
    assert list(Run.replay(case.scenario, roomed.log).log) == list(roomed.log)
    assert score(case.scenario, roomed.log) == score_run(roomed)


def test_room_fields_go_through_json_and_bad_ones_are_refused() -> None:
    """Bundles and exports carry a record as JSON: the room fields come back as they went."""
    import pytest

    from simulasi.engine import Record
    from simulasi.engine.records import LogFormatError

    message = Record("message", 310.0, text="Istirahat", room=7)
    assert message.to_json() == {"kind": "message", "at": 310.0, "text": "Istirahat", "room": 7}
    assert Record.from_json(message.to_json()) == message
    assert Record.from_json({"kind": "pause", "at": 1, "room": 2}) == Record("pause", 1.0, room=2)
    for bad in ({"room": True}, {"room": "3"}, {"text": 5}):
        with pytest.raises(LogFormatError):
            Record.from_json({"kind": "message", "at": 1.0, **bad})
