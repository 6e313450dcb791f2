"""Card readers and receipt printers behind small protocols; knows nothing of the kiosk.

    reader = open_reader("pcsc://", emit=post)          # events arrive through `post`
    printer = open_printer("escpos+tcp://10.0.0.9:9100?paper=80", emit=post)
    printer.submit(Receipt((Text("Thank you", align=Align.CENTER, bold=True),)), job_id="r-17")

Importing this package loads no hardware library; each driver loads its own when opened.
"""

from hw_drivers.cardid import CardId
from hw_drivers.device import DeviceClosed, Usability
from hw_drivers.events import (
    CardPresented,
    CardReadFailed,
    CardRemoved,
    DeviceEvent,
    EventSink,
    PrinterStatusChanged,
    PrintJobCompleted,
    PrintJobDuplicate,
    PrintJobFailed,
    ReaderAttached,
    ReaderDetached,
)
from hw_drivers.printers.base import PrinterDriver, PrinterSnapshot
from hw_drivers.probe import Probe, probe_printer, probe_reader
from hw_drivers.protocols import CardReader, ReceiptPrinter
from hw_drivers.readers.base import CardReaderDriver, ReaderInfo, ReaderSnapshot
from hw_drivers.receipt import (
    Align,
    Columns,
    Cut,
    Feed,
    Paper,
    Qr,
    QrLevel,
    Receipt,
    Rule,
    Size,
    Text,
)
from hw_drivers.registry import DriverInfo, drivers, open_printer, open_reader
from hw_drivers.states import (
    PRINTER_CAN_PRINT,
    PRINTER_NEEDS_ATTENTION,
    READER_NEEDS_ATTENTION,
    READER_WORKING,
    PrinterState,
    PrinterStatus,
    ReaderState,
)
from hw_drivers.uri import DeviceUri, UriError

__all__ = [
    "PRINTER_CAN_PRINT",
    "PRINTER_NEEDS_ATTENTION",
    "READER_NEEDS_ATTENTION",
    "READER_WORKING",
    "Align",
    "CardId",
    "CardPresented",
    "CardReadFailed",
    "CardReader",
    "CardReaderDriver",
    "CardRemoved",
    "Columns",
    "Cut",
    "DeviceClosed",
    "DeviceEvent",
    "DeviceUri",
    "DriverInfo",
    "EventSink",
    "Feed",
    "Paper",
    "PrintJobCompleted",
    "PrintJobDuplicate",
    "PrintJobFailed",
    "PrinterDriver",
    "PrinterSnapshot",
    "PrinterState",
    "PrinterStatus",
    "PrinterStatusChanged",
    "Probe",
    "Qr",
    "QrLevel",
    "ReaderAttached",
    "ReaderDetached",
    "ReaderInfo",
    "ReaderSnapshot",
    "ReaderState",
    "Receipt",
    "ReceiptPrinter",
    "Rule",
    "Size",
    "Text",
    "UriError",
    "Usability",
    "drivers",
    "open_printer",
    "open_reader",
    "probe_printer",
    "probe_reader",
]
