"""Running a test's tasks in real threads, each on its own database connection, at once."""

import threading

from django.db import connection


def at_once(tasks) -> list:
    """Run each of ``tasks`` (callables) in a thread of its own, all starting together.

    Returns what each returned or the exception it raised, in the order they finished.
    """
    barrier = threading.Barrier(len(tasks), timeout=30)
    outcomes = []

    def worker(task):
        try:
            barrier.wait()
            outcomes.append(task())
        except Exception as error:  # the test decides which errors are expected
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting"
    return outcomes
