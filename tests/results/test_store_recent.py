"""The store's recent results (Home's F5): the runs finished last, newest first, of one seat
(a browser of `simulasi serve`) or of the whole data folder."""

from __future__ import annotations

import random

from results_helpers import random_run, scenario

from simulasi.store.opener import open_store


def test_recent_finished_is_newest_first_limited_and_by_seat(data: str) -> None:
    """Only finished runs (not active, not abandoned), the last ones first, at most `limit`;
    with a seat only that seat's. SQLite and PostgreSQL alike."""
    played = scenario()
    rng = random.Random(3)
    with open_store(data) as store:
        ids = []
        for i, seat in enumerate(["a", "b", "a", "", "b"]):
            run = random_run(played, rng)
            ids.append(store.start_run(played, trainee=f"P{i}", records=run.log, seat=seat))
        store.start_run(played, trainee="still playing", seat="a")
        abandoned = store.start_run(played, trainee="gone", seat="a")
        store.abandon_run(abandoned)
        newest_first = [info.trainee for info in store.recent_finished()]
        assert newest_first == ["P4", "P3", "P2", "P1", "P0"]
        assert [info.trainee for info in store.recent_finished(limit=2)] == ["P4", "P3"]
        assert [info.trainee for info in store.recent_finished("a")] == ["P2", "P0"]
        assert [info.trainee for info in store.recent_finished("b", limit=1)] == ["P4"]
        assert store.recent_finished("nobody") == []
        assert {info.status for info in store.recent_finished()} == {"finished"}
