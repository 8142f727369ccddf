"""Test tooling shared by the unit, integration and UI tests."""
