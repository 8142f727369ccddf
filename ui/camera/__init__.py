"""The camera: one controller (worker thread, preview, wedge scanner) for every scan target."""
