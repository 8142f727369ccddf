"""The zone's places and a plausible product range, for the demo database.

Figures follow the zone's 2024 annual report (8 municipalities, intervention bases in Genk and
Bree, a local office in every municipality, 4 Vito, 4 Passat, a Boxer quad transporter).
"""

from __future__ import annotations

ZONE = ("CARMA", "Politiezone CARMA")

# (code, name) of the sites under the zone.
SITES = [
    ("GNK", "Genk — hoofdcommissariaat en uitvalsbasis"),
    ("BRE", "Bree — uitvalsbasis"),
    ("WK-AS", "Wijkkantoor As"),
    ("WK-BOC", "Wijkkantoor Bocholt"),
    ("WK-BRE", "Wijkkantoor Bree"),
    ("WK-GNK", "Wijkkantoor Genk-Centrum"),
    ("WK-HH", "Wijkkantoor Houthalen-Helchteren"),
    ("WK-KIN", "Wijkkantoor Kinrooi"),
    ("WK-OUD", "Wijkkantoor Oudsbergen"),
    ("WK-ZUT", "Wijkkantoor Zutendaal"),
]

TESTS = ("Drugtesten", "Alcoholtesten")
ON_BOARD = ("EHBO", "Verkeer en afzetting", "Hygiëne", "Alcoholtesten", "Drugtesten")

# (code, name, kind, parent code, how many products it carries at scale 1, categories or None)
STOCK_LOCATIONS = [
    ("GNK-MAG", "Centraal magazijn Genk", "storeroom", "GNK", 200, None),
    ("GNK-MAG-K1", "Kast 1 — drug- en alcoholtesten", "cabinet", "GNK-MAG", 25, TESTS),
    ("GNK-MAG-K2", "Kast 2 — EHBO-materiaal", "cabinet", "GNK-MAG", 30, ("EHBO",)),
    ("GNK-MAG-R1", "Rek 1 — verkeer en afzetting", "shelf", "GNK-MAG", 25,
     ("Verkeer en afzetting",)),
    ("BRE-MAG", "Magazijn Bree", "storeroom", "BRE", 120, None),
    ("BRE-MAG-K1", "Kast 1 — testen en verbruik", "cabinet", "BRE-MAG", 25,
     (*TESTS, "Hygiëne", "Forensisch")),
    ("WK-AS-BER", "Berging wijkkantoor As", "storeroom", "WK-AS", 20, None),
    ("WK-BOC-BER", "Berging wijkkantoor Bocholt", "storeroom", "WK-BOC", 20, None),
    ("WK-BRE-BER", "Berging wijkkantoor Bree", "storeroom", "WK-BRE", 20, None),
    ("WK-GNK-BER", "Berging wijkkantoor Genk-Centrum", "storeroom", "WK-GNK", 20, None),
    ("WK-HH-BER", "Berging wijkkantoor Houthalen-Helchteren", "storeroom", "WK-HH", 20, None),
    ("WK-KIN-BER", "Berging wijkkantoor Kinrooi", "storeroom", "WK-KIN", 20, None),
    ("WK-OUD-BER", "Berging wijkkantoor Oudsbergen", "storeroom", "WK-OUD", 20, None),
    ("WK-ZUT-BER", "Berging wijkkantoor Zutendaal", "storeroom", "WK-ZUT", 20, None),
    ("VITO-01", "Mercedes Vito 1 (interventie Genk)", "vehicle", "GNK", 12, ON_BOARD),
    ("VITO-02", "Mercedes Vito 2 (interventie Genk)", "vehicle", "GNK", 12, ON_BOARD),
    ("VITO-03", "Mercedes Vito 3 (interventie Bree)", "vehicle", "BRE", 12, ON_BOARD),
    ("VITO-04", "Mercedes Vito 4 (interventie Bree)", "vehicle", "BRE", 12, ON_BOARD),
    ("PASSAT-01", "Volkswagen Passat 1 (anoniem)", "vehicle", "GNK", 8, ON_BOARD),
    ("BOXER-01", "Peugeot Boxer quadtransport", "vehicle", "GNK", 8, ON_BOARD),
]

# (code prefix, name, category, unit, tracks expiry, variants)
# Variants multiply one article into sizes or types, as a real catalogue does.
BASE_PRODUCTS = [
    ("DT-SPK", "Speekseltest drugs (DrugWipe 6S)", "Drugtesten", "stuk", True, [""]),
    ("DT-SPK5", "Speekseltest drugs (DrugTest 5000 cassette)", "Drugtesten", "stuk", True, [""]),
    ("DT-URINE", "Urinetest multidrugs", "Drugtesten", "stuk", True, [""]),
    ("DT-BEVST", "Bevestigingskit speekselstaal labo", "Drugtesten", "kit", True, [""]),
    ("AT-MOND", "Mondstuk alcoholtest", "Alcoholtesten", "stuk", False,
     ["Alcotest 6820", "Alcotest 7510", "Alcotest 9510"]),
    ("AT-MONDV", "Mondstuk alcoholtest verpakt per 100", "Alcoholtesten", "doos", False,
     ["Alcotest 6820", "Alcotest 7510"]),
    ("AT-KALIB", "Kalibratiegas ademanalyse", "Alcoholtesten", "fles", True, [""]),
    ("EHBO-PL", "Pleisters", "EHBO", "doos", True, ["assortiment", "waterbestendig", "textiel"]),
    ("EHBO-CMP", "Steriele compressen", "EHBO", "pak", True, ["5x5 cm", "10x10 cm"]),
    ("EHBO-WIN", "Windsel", "EHBO", "rol", True, ["4 cm", "6 cm", "8 cm", "10 cm"]),
    ("EHBO-DRV", "Driehoeksverband", "EHBO", "stuk", False, [""]),
    ("EHBO-ONT", "Ontsmettingsmiddel chloorhexidine", "EHBO", "fles", True, ["30 ml", "250 ml"]),
    ("EHBO-OOG", "Oogspoeling", "EHBO", "fles", True, ["250 ml", "500 ml"]),
    ("EHBO-BRW", "Brandwondengel", "EHBO", "tube", True, ["", "kompres 10x10"]),
    ("EHBO-COOL", "Coldpack instant", "EHBO", "stuk", True, [""]),
    ("EHBO-DEK", "Isothermische deken", "EHBO", "stuk", False, [""]),
    ("EHBO-SCH", "Verbandschaar", "EHBO", "stuk", False, [""]),
    ("EHBO-TOUR", "Tourniquet", "EHBO", "stuk", True, [""]),
    ("EHBO-BEAD", "Beademingsmasker", "EHBO", "stuk", False, [""]),
    ("HYG-HSK", "Wegwerphandschoenen nitril", "Hygiëne", "doos", False,
     ["S", "M", "L", "XL"]),
    ("HYG-SNIJ", "Snijwerende handschoenen", "Hygiëne", "paar", False, ["8", "9", "10", "11"]),
    ("HYG-FFP2", "Mondmasker FFP2", "Hygiëne", "doos", True, [""]),
    ("HYG-GEL", "Handontsmettingsgel", "Hygiëne", "fles", True, ["100 ml", "500 ml"]),
    ("HYG-OVR", "Wegwerpoverall", "Hygiëne", "stuk", False, ["M", "L", "XL", "XXL"]),
    ("HYG-SPIT", "Spuwkap", "Hygiëne", "stuk", False, [""]),
    ("FOR-ZAK", "Bewijszak verzegelbaar", "Forensisch", "pak", False,
     ["klein", "middel", "groot"]),
    ("FOR-DNA", "DNA-staalnamekit", "Forensisch", "kit", True, [""]),
    ("FOR-ZEGEL", "Zegelstroken genummerd", "Forensisch", "rol", False, [""]),
    ("FOR-INKT", "Vingerafdrukinkt", "Forensisch", "tube", True, [""]),
    ("FOR-GSR", "Kit schotrestenstaal", "Forensisch", "kit", True, [""]),
    ("VK-KEGEL", "Verkeerskegel reflecterend", "Verkeer en afzetting", "stuk", False,
     ["50 cm", "75 cm"]),
    ("VK-LINT", "Afzetlint POLITIE", "Verkeer en afzetting", "rol", False, [""]),
    ("VK-FAKKEL", "LED-flitslicht", "Verkeer en afzetting", "stuk", False, [""]),
    ("VK-VEST", "Fluohesje POLITIE", "Verkeer en afzetting", "stuk", False,
     ["M", "L", "XL", "XXL"]),
    ("VK-PV", "Formulier proces-verbaal verkeer", "Verkeer en afzetting", "blok", False, [""]),
    ("BAT", "Batterij", "Batterijen", "stuk", True,
     ["AA", "AAA", "CR123A", "9V", "C", "D"]),
    ("BAT-RAD", "Accu portofoon ASTRID", "Batterijen", "stuk", False, ["standaard", "hoog"]),
    ("KAN-PAP", "Printpapier A4", "Kantoor", "pak", False, ["80 g", "gerecycleerd"]),
    ("KAN-TON", "Toner", "Kantoor", "stuk", False,
     ["HP 59A", "HP 89X", "Kyocera TK-5280K", "Kyocera TK-5280C", "Kyocera TK-5280M",
      "Kyocera TK-5280Y"]),
    ("KAN-ETK", "Etiketten 70x37 A4", "Kantoor", "doos", False, [""]),
    ("KAN-ENV", "Enveloppe C4", "Kantoor", "doos", False, ["wit", "bruin"]),
    ("WAP-DOEL", "Schietschijf", "Bewapening", "pak", False, ["ISU", "silhouet"]),
    ("WAP-OOR", "Gehoorbescherming schietstand", "Bewapening", "doos", False, [""]),
    ("WAP-REIN", "Reinigingskit dienstwapen", "Bewapening", "kit", False, [""]),
    ("WAP-PEP", "Pepperspray navulling", "Bewapening", "stuk", True, [""]),
    ("VTG-RUIT", "Ruitenvloeistof", "Voertuigen", "bidon", False, ["zomer", "winter"]),
    ("VTG-ADB", "AdBlue", "Voertuigen", "bidon", False, [""]),
    ("VTG-LAMP", "Reservelamp zwaailicht", "Voertuigen", "stuk", False, [""]),
    ("VTG-BLUS", "Brandblusser 2 kg", "Voertuigen", "stuk", True, [""]),
    ("VTG-GEV", "Gevarendriehoek", "Voertuigen", "stuk", False, [""]),
    ("UIT-ZAK", "Zaklamp", "Uitrusting", "stuk", False, ["compact", "oplaadbaar"]),
    ("UIT-HBOE", "Handboeien", "Uitrusting", "stuk", False, ["ketting", "scharnier"]),
    ("UIT-TIE", "Wegwerphandboeien (tie-wraps)", "Uitrusting", "pak", False, [""]),
    ("UIT-NOTB", "Notitieboekje dienst", "Uitrusting", "stuk", False, [""]),
]

SUPPLIERS = ["Medi-Market Belgium", "Dräger Safety Belux", "Securitas Supplies", "Lyreco Belgium",
             "Vanhoof Verkeerstechniek", "Forensic Supply Benelux"]

# The two products the annual report names: the demo makes their story visible.
DRUG_TEST_CODE = "DT-SPK"
MOUTHPIECE_CODE = "AT-MOND-7510"


def _variant_suffix(variant: str) -> str:
    """The distinguishing part of a variant: "Alcotest 7510" -> "7510", "10x10 cm" -> "10X10CM"."""
    words = variant.upper().split()
    if len(words) > 1 and words[-1] in {"CM", "ML", "G"}:
        words = ["".join(words)]
    return "".join(ch for ch in words[-1] if ch.isalnum())[:10]


def product_variants() -> list[tuple[str, str, str, str, bool]]:
    """Every (code, name, category, unit, tracks expiry) of the base catalogue."""
    result = []
    for prefix, name, category, unit, expires, variants in BASE_PRODUCTS:
        for variant in variants:
            if not variant:
                result.append((prefix, name, category, unit, expires))
                continue
            suffix = _variant_suffix(variant)
            result.append((f"{prefix}-{suffix}", f"{name} {variant}", category, unit, expires))
    return result
