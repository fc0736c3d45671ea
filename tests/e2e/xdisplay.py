"""A real X display for end-to-end walks: Xvfb started by the test, driven with xdotool, photographed
with ImageMagick's ``import``.

Why not pytest-qt: a walk must prove what a cashier gets from a real window, with key events that come
from the X server through Qt's xcb plugin (the till's F-keys once worked under ``qtbot`` and in no real
window). The app runs as its own process (``python -m ui``), exactly as ``loyalty-pos run`` starts it.

``scripts/setup.sh`` installs Xvfb, xdotool and ImageMagick; where they are missing the walk is skipped
with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("Xvfb", "xdotool", "import")


def missing_tools() -> list[str]:
    """The programs a walk needs that are not on PATH."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass
class Display:
    """One Xvfb screen of ``width`` x ``height``."""

    name: str  # ":99"
    width: int
    height: int

    @property
    def env(self) -> dict[str, str]:
        """The environment of a program shown on this display (Qt's xcb plugin, not offscreen)."""
        env = dict(os.environ)
        env["DISPLAY"] = self.name
        env["QT_QPA_PLATFORM"] = "xcb"
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def xdotool(self, *args: str, check: bool = True) -> str:
        """Run ``xdotool ARGS`` on this display; its stdout."""
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30, check=False
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def wait_window(self, title: str, timeout: float = 60.0) -> str:
        """The id of the first visible window named ``title`` (waits for it to be mapped)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.xdotool("search", "--onlyvisible", "--name", f"^{title}$", check=False).split()
            if found:
                return found[-1]
            time.sleep(0.2)
        raise TimeoutError(f"no window named {title!r} appeared within {timeout:.0f} s")

    def keys(self, *names: str) -> None:
        """Press these keys (xdotool names: ``F4``, ``Return``, ``ctrl+shift+l``) one after the other."""
        for name in names:
            self.xdotool("key", "--clearmodifiers", name)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        """Type ``text`` as a person would (one key event per character)."""
        self.xdotool("type", "--delay", "40", text)

    def screenshot(self, path: Path) -> Path:
        """The whole screen as a PNG at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["import", "-window", "root", str(path)],
            env=self.env,
            check=True,
            timeout=30,
            capture_output=True,
        )
        return path


@contextmanager
def xvfb(width: int, height: int) -> Iterator[Display]:
    """A fresh Xvfb screen for the duration of the block (a free display number, chosen by Xvfb)."""
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd, "r") as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield Display(f":{number}", width, height)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
