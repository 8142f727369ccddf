"""What a write changed, so each screen can decide for itself what to refresh.

A write's result carries a ``Changes``; a screen that shows stock reloads only the
(product, location) pairs in it, the orders screen only when ``orders`` is not empty, and so on.
Nothing reloads what a write did not touch.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    # (product code, location code) pairs whose stock row changed: the level moved, or what
    # is on order there (an order marked "besteld", edited or cancelled).
    stock: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    # Master data, by code: products (incl. GTIN links), locations.
    products: frozenset[str] = field(default_factory=frozenset)
    locations: frozenset[str] = field(default_factory=frozenset)
    # Purchase orders by number.
    orders: frozenset[str] = field(default_factory=frozenset)
    # First-aid kits by code, kit types by code.
    kits: frozenset[str] = field(default_factory=frozenset)
    kit_types: frozenset[str] = field(default_factory=frozenset)
    # Suppliers by code.
    suppliers: frozenset[str] = field(default_factory=frozenset)
    # Accounts by user name (their roles, passwords, tokens, sign-ins).
    accounts: frozenset[str] = field(default_factory=frozenset)
    # Staff members by staff number (their details or their states).
    staff: frozenset[str] = field(default_factory=frozenset)
    # Zones by code (one was added to the database).
    zones: frozenset[str] = field(default_factory=frozenset)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            stock=self.stock | other.stock,
            products=self.products | other.products,
            locations=self.locations | other.locations,
            orders=self.orders | other.orders,
            kits=self.kits | other.kits,
            kit_types=self.kit_types | other.kit_types,
            suppliers=self.suppliers | other.suppliers,
            accounts=self.accounts | other.accounts,
            staff=self.staff | other.staff,
            zones=self.zones | other.zones,
        )

    def __bool__(self) -> bool:
        return any((self.stock, self.products, self.locations, self.orders, self.kits,
                    self.kit_types, self.suppliers, self.accounts, self.staff,
                    self.zones))

    @property
    def stock_products(self) -> frozenset[str]:
        return frozenset(product for product, _location in self.stock)

    @property
    def stock_locations(self) -> frozenset[str]:
        return frozenset(location for _product, location in self.stock)


NO_CHANGES = Changes()
