"""The touchscreen: Qt widgets and view models on the main thread, fed by engine snapshots."""
