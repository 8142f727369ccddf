"""Page objects: the UI tests drive the screens through these small classes (what a user sees
and does), not through the widgets' inner attributes. When a screen's layout changes, only
its page changes."""

from pages.app import AppPage
from pages.kits import KitsPage
from pages.orders import OrdersPage
from pages.scan import ScanPage
from pages.stock import StockPage

__all__ = ["AppPage", "KitsPage", "OrdersPage", "ScanPage", "StockPage"]
