"""All Qt code of CARMA Logistiek. The core (carma_logistiek) never imports this package."""
