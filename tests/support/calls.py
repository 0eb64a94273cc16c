"""Counting how often a function of the package runs, to tell a kept answer from a new one."""


def count_calls(monkeypatch, owner, name: str) -> list:
    """Wrap ``owner.name`` for the test; the returned list grows by one at each call."""
    counted = []
    original = getattr(owner, name)

    def counting(*args, **kwargs):
        counted.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return counted
