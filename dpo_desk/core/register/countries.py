"""Countries as ISO 3166-1 alpha-2 codes: EU/EEA membership and adequacy decisions.

Facts as published by the EU Commission (state: 2026). A transfer to any other country is a
third-country transfer (Chapter V GDPR) and needs a documented safeguard.
"""

from __future__ import annotations

EU: dict[str, str] = {
    "AT": "Österreich",
    "BE": "Belgien",
    "BG": "Bulgarien",
    "CY": "Zypern",
    "CZ": "Tschechien",
    "DE": "Deutschland",
    "DK": "Dänemark",
    "EE": "Estland",
    "ES": "Spanien",
    "FI": "Finnland",
    "FR": "Frankreich",
    "GR": "Griechenland",
    "HR": "Kroatien",
    "HU": "Ungarn",
    "IE": "Irland",
    "IT": "Italien",
    "LT": "Litauen",
    "LU": "Luxemburg",
    "LV": "Lettland",
    "MT": "Malta",
    "NL": "Niederlande",
    "PL": "Polen",
    "PT": "Portugal",
    "RO": "Rumänien",
    "SE": "Schweden",
    "SI": "Slowenien",
    "SK": "Slowakei",
}
EEA_ONLY: dict[str, str] = {"IS": "Island", "LI": "Liechtenstein", "NO": "Norwegen"}

THIRD_COUNTRIES: dict[str, str] = {
    "AD": "Andorra",
    "AR": "Argentinien",
    "AU": "Australien",
    "BR": "Brasilien",
    "CA": "Kanada",
    "CH": "Schweiz",
    "CN": "China",
    "FO": "Färöer",
    "GB": "Vereinigtes Königreich",
    "GG": "Guernsey",
    "IL": "Israel",
    "IM": "Isle of Man",
    "IN": "Indien",
    "JE": "Jersey",
    "JP": "Japan",
    "KR": "Südkorea",
    "NZ": "Neuseeland",
    "RU": "Russland",
    "SG": "Singapur",
    "TR": "Türkei",
    "UA": "Ukraine",
    "US": "Vereinigte Staaten",
    "UY": "Uruguay",
}

# Countries with an adequacy decision (for the US only recipients certified under the DPF).
ADEQUACY: frozenset[str] = frozenset(
    {"AD", "AR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"}
)

COUNTRIES: dict[str, str] = dict(
    sorted({**EU, **EEA_ONLY, **THIRD_COUNTRIES}.items(), key=lambda item: item[1])
)


def normalise_country(code: str) -> str:
    """Upper-case code; the EU's own "EL" and "UK" are read as "GR" and "GB"."""
    cleaned = code.strip().upper()
    return {"EL": "GR", "UK": "GB"}.get(cleaned, cleaned)


def is_known_country(code: str) -> bool:
    return normalise_country(code) in COUNTRIES


def in_eu_eea(code: str) -> bool:
    cleaned = normalise_country(code)
    return cleaned in EU or cleaned in EEA_ONLY


def is_third_country(code: str) -> bool:
    """True for every country outside the EU/EEA, known to the list or not."""
    cleaned = normalise_country(code)
    return bool(cleaned) and not in_eu_eea(cleaned)


def has_adequacy_decision(code: str) -> bool:
    return normalise_country(code) in ADEQUACY


def country_name(code: str) -> str:
    cleaned = normalise_country(code)
    return COUNTRIES.get(cleaned, cleaned)


# Countries whose German name takes an article: (where: dative, whither: accusative).
_WITH_ARTICLE: dict[str, tuple[str, str]] = {
    "US": ("in den Vereinigten Staaten", "in die Vereinigten Staaten"),
    "GB": ("im Vereinigten Königreich", "in das Vereinigte Königreich"),
    "CH": ("in der Schweiz", "in die Schweiz"),
    "TR": ("in der Türkei", "in die Türkei"),
    "UA": ("in der Ukraine", "in die Ukraine"),
    "SK": ("in der Slowakei", "in die Slowakei"),
    "NL": ("in den Niederlanden", "in die Niederlande"),
    "FO": ("auf den Färöern", "auf die Färöer"),
    "IM": ("auf der Isle of Man", "auf die Isle of Man"),
}


def country_in(code: str) -> str:
    """Where, in correct German: "in den Vereinigten Staaten", "in Japan"."""
    cleaned = normalise_country(code)
    if cleaned in _WITH_ARTICLE:
        return _WITH_ARTICLE[cleaned][0]
    return f"in {country_name(cleaned)}"


def country_to(code: str) -> str:
    """Whither, in correct German: "in die Vereinigten Staaten", "nach Japan"."""
    cleaned = normalise_country(code)
    if cleaned in _WITH_ARTICLE:
        return _WITH_ARTICLE[cleaned][1]
    return f"nach {country_name(cleaned)}"
