"""Master data: the products stock is kept of, the locations it is kept at, the suppliers it
comes from, and the minimums that say when to order.

Modules: ``rows`` (what the services hand out and take), ``products`` (products, their
GTINs, photo and suppliers), ``locations`` (the tree), ``suppliers``, ``minimums``,
``exports`` (each list as a table that its import reads back) and ``import_kinds`` (the
import specs; imported by services/import_specs.py, not from here). ``guards`` holds the
check the stock and order services make before stock comes in.

``from carma_logistiek.services import masterdata`` offers every service, as before the
package; their command names stay ``masterdata.<function>``.
"""

from carma_logistiek.services.lookups import normalise_code
from carma_logistiek.services.masterdata.exports import (
    TableData,
    export_locations,
    export_minimums,
    export_products,
    export_suppliers,
    write_export,
)
from carma_logistiek.services.masterdata.locations import (
    LOCATION_KINDS,
    SIBLING_ORDER,
    create_location,
    list_locations,
    move_location,
    reactivate_location,
    rename_location,
    retire_location,
)
from carma_logistiek.services.masterdata.minimums import (
    MaximumBelowMinimum,
    list_minimums,
    set_minimum,
)
from carma_logistiek.services.masterdata.products import (
    clean_gtins,
    create_product,
    get_product,
    get_product_details,
    list_categories,
    list_products,
    list_units,
    product_photo,
    reactivate_product,
    remove_product_photo,
    remove_product_supplier,
    retire_product,
    search_products,
    set_product_photo,
    set_product_supplier,
    update_product,
)
from carma_logistiek.services.masterdata.rows import (
    ProductDetails,
    ProductListRow,
    ProductSupplierRow,
    ProductValues,
    SupplierRow,
    SupplierValues,
)
from carma_logistiek.services.masterdata.suppliers import (
    create_supplier,
    get_supplier,
    list_suppliers,
    reactivate_supplier,
    retire_supplier,
    update_supplier,
)
from carma_logistiek.services.results import LocationRow, MinimumRow, ProductRow

__all__ = [
    "LOCATION_KINDS",
    "SIBLING_ORDER",
    "LocationRow",
    "MaximumBelowMinimum",
    "MinimumRow",
    "ProductDetails",
    "ProductListRow",
    "ProductRow",
    "ProductSupplierRow",
    "ProductValues",
    "SupplierRow",
    "SupplierValues",
    "TableData",
    "clean_gtins",
    "create_location",
    "create_product",
    "create_supplier",
    "export_locations",
    "export_minimums",
    "export_products",
    "export_suppliers",
    "get_product",
    "get_product_details",
    "get_supplier",
    "list_categories",
    "list_locations",
    "list_minimums",
    "list_products",
    "list_suppliers",
    "list_units",
    "move_location",
    "normalise_code",
    "product_photo",
    "reactivate_location",
    "reactivate_product",
    "reactivate_supplier",
    "remove_product_photo",
    "remove_product_supplier",
    "rename_location",
    "retire_location",
    "retire_product",
    "retire_supplier",
    "search_products",
    "set_minimum",
    "set_product_photo",
    "set_product_supplier",
    "update_product",
    "update_supplier",
    "write_export",
]
