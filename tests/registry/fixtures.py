"""A small registry written for the tests: a few parties with namesakes, abbreviations and Chinese names."""

from __future__ import annotations

from partynet.registry.fold import Folder, build_table
from partynet.registry.model import Alias, AliasKind, Country, Party, PartyType
from partynet.registry.registry import Registry

TRADITIONAL = {"國": "国", "黨": "党", "產": "产", "會": "会", "華": "华", "蘭": "兰"}


def party(pid: str, name: str, country: str | None, *aliases: Alias, **fields: object) -> Party:
    p = Party(id=pid, name=name, country=country, **fields)  # type: ignore[arg-type]
    p.add_alias(Alias(name, AliasKind.NAME, "en", "partyfacts"))
    for alias in aliases:
        p.add_alias(alias)
    return p


def abbreviation(text: str, source: str = "partyfacts") -> Alias:
    return Alias(text, AliasKind.ABBREVIATION, None, source)


def chinese(text: str, kind: AliasKind = AliasKind.TRANSLATION) -> Alias:
    return Alias(text, kind, "zh", "extension")


def small_registry() -> Registry:
    parties = [
        party(
            "pf:1",
            "African National Congress",
            "ZAF",
            abbreviation("ANC"),
            chinese("南非非洲人国民大会"),
            chinese("非国大", AliasKind.SHORT_FORM),
            vote_share=62.0,
            founded=1912,
            abbreviation="ANC",
            name_zh="南非非洲人国民大会",
            source_ids={"partyfacts": ["1"], "extension": ["x"]},
        ),
        party(
            "pf:2",
            "Amani National Congress",
            "KEN",
            abbreviation("ANC"),
            vote_share=2.0,
            founded=2015,
            abbreviation="ANC",
        ),
        party(
            "pf:3",
            "Communist Party of China",
            "CHN",
            abbreviation("CPC"),
            chinese("中国共产党"),
            chinese("中共", AliasKind.SHORT_FORM),
            vote_share=100.0,
            founded=1921,
            abbreviation="CPC",
            name_zh="中国共产党",
            source_ids={"extension": ["x"]},
        ),
        party(
            "pf:4",
            "Conservative Party of Canada",
            "CAN",
            abbreviation("CPC"),
            vote_share=38.0,
            founded=2003,
            abbreviation="CPC",
        ),
        party(
            "pf:5",
            "Labour Party",
            "GBR",
            chinese("英国工党"),
            chinese("工党", AliasKind.SHORT_FORM),
            vote_share=48.0,
            name_zh="英国工党",
        ),
        party(
            "pf:6",
            "Labour Party",
            "NZL",
            chinese("新西兰工党"),
            chinese("工党", AliasKind.SHORT_FORM),
            vote_share=50.0,
            name_zh="新西兰工党",
        ),
        party("pf:7", "Jubilee Party", "KEN", abbreviation("JP"), vote_share=49.0, founded=2016),
        party("pf:8", "Forza Italia", "ITA", vote_share=29.0, founded=1994, dissolved=2009),
        party(
            "pf:9",
            "Communist Party of Vietnam",
            "VNM",
            abbreviation("CPV"),
            chinese("越南共产党"),
            chinese("越共", AliasKind.SHORT_FORM),
            vote_share=100.0,
            founded=1930,
            name_zh="越南共产党",
        ),
        party(
            "pf:10",
            "Nationalist Party",
            "TWN",
            Alias("Kuomintang", AliasKind.NAME, "en", "partyfacts"),
            chinese("中国国民党"),
            chinese("国民党", AliasKind.SHORT_FORM),
            abbreviation("KMT"),
            vote_share=45.0,
        ),
        party("pf:11", "Socialist Party", "PRT", vote_share=40.0),
        party("pf:12", "Unity", "LVA", vote_share=20.0),
        party("pf:13", "Workers' Party", "BRA", abbreviation("PT"), vote_share=20.0, abbreviation="PT"),
        party(
            "pn:idcpc",
            "International Department of the CPC Central Committee",
            "CHN",
            abbreviation("IDCPC", "extension"),
            chinese("中联部", AliasKind.SHORT_FORM),
            type=PartyType.PARTY_BODY,
            parent="pf:3",
            source_ids={"extension": ["x"]},
        ),
        party(
            "pf:14",
            "United Russia",
            "RUS",
            Alias("Yedinaya Rossiya", AliasKind.TRANSLITERATION, None, "wikipedia"),
            Alias("Unity", AliasKind.FORMER_NAME, "en", "parlgov", 1999, 2001),
            vote_share=64.0,
            founded=2001,
        ),
    ]
    countries = [
        Country("ZAF", "South Africa", "南非", "南非", "Africa", "Southern Africa", ()),
        Country("KEN", "Kenya", "肯尼亚", "肯亞", "Africa", "Eastern Africa", ()),
        Country("CHN", "China", "中国", "中國", "Asia", "Eastern Asia", ()),
        Country("CAN", "Canada", "加拿大", "加拿大", "America", "Northern America", ()),
        Country("GBR", "United Kingdom", "英国", "英國", "Europe", "Northern Europe", ("Britain",)),
        Country("NZL", "New Zealand", "新西兰", "紐西蘭", "Oceania", "Australia and New Zealand", ()),
        Country("ITA", "Italy", "意大利", "義大利", "Europe", "Southern Europe", ()),
        Country("VNM", "Vietnam", "越南", "越南", "Asia", "South-eastern Asia", ("Viet Nam",)),
        Country("TWN", "Taiwan", "台湾", "台灣", "Asia", "Eastern Asia", ()),
        Country("PRT", "Portugal", "葡萄牙", "葡萄牙", "Europe", "Southern Europe", ()),
        Country("LVA", "Latvia", "拉脱维亚", "拉脫維亞", "Europe", "Northern Europe", ()),
        Country("BRA", "Brazil", "巴西", "巴西", "America", "South America", ()),
        Country("RUS", "Russia", "俄罗斯", "俄羅斯", "Europe", "Eastern Europe", ()),
    ]
    return Registry(parties=parties, countries=countries, folder=Folder(build_table(TRADITIONAL)))
