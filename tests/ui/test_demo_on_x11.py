"""`kiosk demo` as `make demo` starts it on a desktop: a real X server, the xcb platform."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from tests.conftest import REPO
from tests.services import poll, require_binary, xvfb_display


def test_demo_opens_its_window_on_x11_and_stops_cleanly(tmp_path):
    xdotool = require_binary("xdotool", "xdotool")
    with xvfb_display() as display:
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        demo = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "demo", "--data", str(tmp_path / "demo")],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:

            def window_ids() -> list[str]:
                found = subprocess.run(
                    [xdotool, "search", "--onlyvisible", "--name", "EV charging"],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if demo.poll() is not None:
                    raise AssertionError(f"demo exited: {demo.communicate()[1][-2000:]}")
                return found.stdout.split()

            (window,) = poll(window_ids, timeout=30)
            geometry = subprocess.run(
                [xdotool, "getwindowgeometry", window],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert "1280x800" in geometry
            demo.send_signal(signal.SIGTERM)
            _, err = demo.communicate(timeout=20)
        finally:
            if demo.poll() is None:
                demo.kill()
                demo.communicate()
    assert demo.returncode == 0, err[-2000:]
    assert "hub stopped" in err
    assert (tmp_path / "demo" / "kiosk.sqlite").is_file()


def test_demo_without_a_display_says_so_in_one_line(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--data", str(tmp_path / "d")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("kiosk: error: no display found")
