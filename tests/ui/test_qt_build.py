"""Guards against a Qt for Python build that corrupts memory when signals are emitted.

PySide6 6.12.0 drops a reference on every `emit()` to a connected Python callable; after a few
hundred emissions the interpreter aborts (`bool_dealloc`) and takes the kiosk down with it.
"""

import subprocess
import sys

SCRIPT = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
app = QApplication([])
class Source(QObject):
    changed = Signal(object)
source = Source()
seen = []
source.changed.connect(lambda value: seen.append(value))
for i in range(5000):
    source.changed.emit(i)
del source, app
print(len(seen))
"""


def test_thousands_of_signal_emissions_leave_the_process_healthy():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "5000"
