"""Per-client limits on what anyone can send without logging in: how often feedback may be left,
how fast passwords may be guessed, how long a comment or a user name may be."""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable

from .errors import PraktykiError

MAX_COMMENT_CHARS = 2000
MAX_USER_CHARS = 64
# Failed logins a client may make before it must wait; each further failure doubles the wait.
LOGIN_FREE_FAILURES = 5
LOGIN_FIRST_LOCKOUT = 30.0
LOGIN_MAX_LOCKOUT = 3600.0
MIN_PASSWORD_CHARS = 10
# Fragments that make a password one of the first guesses, however long it is.
_COMMON_PARTS = ("password", "qwerty", "12345678", "administrator", "zaq12wsx", "praktyki")


class RateLimited(PraktykiError):
    def __init__(self, what: str, retry_after: float) -> None:
        self.what = what
        self.retry_after = max(1, round(retry_after))
        super().__init__(f"too many {what} requests; retry after {self.retry_after} s")


class TooLong(PraktykiError):
    def __init__(self, what: str, limit: int) -> None:
        self.what = what
        self.limit = limit
        super().__init__(f"{what} longer than {limit} characters")


def bounded(text: str, what: str, limit: int) -> str:
    if len(text) > limit:
        raise TooLong(what, limit)
    return text


class RateLimiter:
    """At most ``events`` per ``seconds`` from one client (a sliding window)."""

    def __init__(
        self, what: str, events: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.what, self.events, self.seconds, self.clock = what, events, seconds, clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        now = self.clock()
        with self._lock:
            seen = self._seen.setdefault(client, deque())
            while seen and seen[0] <= now - self.seconds:
                seen.popleft()
            if len(seen) >= self.events:
                raise RateLimited(self.what, seen[0] + self.seconds - now)
            seen.append(now)
            if len(self._seen) > 10_000:  # forget idle clients rather than grow without end
                self._seen = {k: v for k, v in self._seen.items() if v}


class LoginThrottle:
    """After LOGIN_FREE_FAILURES failed logins a client is locked out, for twice as long after
    every further failure; a success clears its record."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._failures: dict[str, tuple[int, float]] = {}  # client -> (failures, locked until)
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        with self._lock:
            _, until = self._failures.get(client, (0, 0.0))
        wait = until - self.clock()
        if wait > 0:
            raise RateLimited("login", wait)

    def failed(self, client: str) -> None:
        with self._lock:
            count, _ = self._failures.get(client, (0, 0.0))
            count += 1
            over = count - LOGIN_FREE_FAILURES
            lockout = (
                min(LOGIN_FIRST_LOCKOUT * 2 ** (over - 1), LOGIN_MAX_LOCKOUT) if over > 0 else 0
            )
            self._failures[client] = (count, self.clock() + lockout)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


def password_weakness(user: str, password: str) -> str | None:
    """Why a configured admin password is too weak to guard the admin tab, or None."""
    lowered = password.lower()
    if len(password) < MIN_PASSWORD_CHARS:
        return f"shorter than {MIN_PASSWORD_CHARS} characters"
    if any(p in lowered for p in _COMMON_PARTS) or (len(user) >= 3 and user.lower() in lowered):
        return "a common word or the user name"
    if len(set(password)) < 5:
        return "too few different characters"
    classes = [r"[a-ząćęłńóśźż]", r"[A-ZĄĆĘŁŃÓŚŹŻ]", r"\d", r"[^\w]|_"]
    if sum(bool(re.search(c, password)) for c in classes) < 2:
        return "letters of one kind only"
    return None
