"""The app's background decision (pages/ui/data.run_when_idle) waits until
no page has run for IDLE_S seconds in any session, so it never shares the
CPU with drawing a page."""

from pages.ui import data


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_idle_for_is_zero_while_a_page_runs():
    clock = FakeClock()
    activity = data.Activity(clock)
    clock.now += 5
    assert activity.idle_for() == 5
    activity.started()
    clock.now += 5
    assert activity.idle_for() == 0
    activity.ended()
    clock.now += 1
    assert activity.idle_for() == 1


def test_work_waits_for_pages_that_start_and_end_meanwhile():
    clock = FakeClock()
    activity = data.Activity(clock)
    done = []
    # a page run starts during the first wait and ends one second later
    script = [activity.started, activity.ended]

    def sleep(seconds):
        clock.now += seconds
        if script:
            script.pop(0)()

    activity.started()
    clock.now += 3
    activity.ended()  # the first page's run ended at 103
    data.run_when_idle(lambda x: done.append((x, clock.now)), "p", activity=activity, sleep=sleep)
    # 103 + 2 (idle), a run from 105 to 105 + 2 (waits while running), then 2 idle
    assert done == [("p", 103 + data.IDLE_S + data.IDLE_S + data.IDLE_S)]
    assert activity.idle_for() >= data.IDLE_S


def test_work_runs_at_once_on_an_idle_server():
    clock = FakeClock()
    activity = data.Activity(clock)
    clock.now += data.IDLE_S
    slept = []
    data.run_when_idle(lambda: slept.append("done"), activity=activity, sleep=slept.append)
    assert slept == ["done"]


def test_steps_give_way_to_a_page_that_starts_between_them():
    clock = FakeClock()
    activity = data.Activity(clock)
    clock.now += data.IDLE_S
    done = []

    def step(name, seconds, then=None):
        def run():
            clock.now += seconds
            done.append((name, clock.now))
            if then:
                then()
        return run

    # a page run starts while the first step works and ends a second later
    def page():
        activity.started()
        clock.now += 1
        activity.ended()

    data.run_steps_when_idle([step("a", 3, then=page), step("b", 3)], activity=activity,
                             sleep=lambda s: setattr(clock, "now", clock.now + s))
    # a: 102 -> 105; the page ends at 106; b waits two idle seconds: 108 -> 111
    assert done == [("a", 105.0), ("b", 106 + data.IDLE_S + 3)]


def test_steps_stop_when_the_process_exits(monkeypatch):
    """Once the process is exiting (atexit sets STOPPING), no further step
    starts: a query in a daemon thread during the interpreter's teardown
    aborts the process."""
    clock = FakeClock()
    activity = data.Activity(clock)
    clock.now += data.IDLE_S
    stopping = data.threading.Event()
    monkeypatch.setattr(data, "STOPPING", stopping)
    done = []
    data.run_steps_when_idle([lambda: (done.append("a"), stopping.set()), lambda: done.append("b")],
                             activity=activity, sleep=lambda s: setattr(clock, "now", clock.now + s))
    assert done == ["a"]
