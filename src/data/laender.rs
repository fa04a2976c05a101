//! The 16 Länder and the numbers the keys use: Königsteiner Schlüssel editions and population.
//!
//! Everything here is data with its source beside it (../shared/domain/efa-financing.md).
//! A new Königsteiner Schlüssel edition is one entry in [`KS_EDITIONS`] plus one spot-check test;
//! the test that every edition sums to exactly 100 covers it automatically.

/// One Land. The array [`LAENDER`] is in ascending AGS order, which is also the contract's
/// payer order and its tie-break order ("ties: lower AGS first").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Land {
    /// Two-letter code used in requests and responses (`"BY"`).
    pub code: &'static str,
    /// ISO 3166-2 code (`"DE-BY"`).
    pub iso: &'static str,
    /// Amtlicher Gemeindeschlüssel of the Land (`"09"`).
    pub ags: &'static str,
    pub name_de: &'static str,
    pub name_en: &'static str,
    /// Inhabitants on 31.12.2024 ([`POPULATION_SOURCE`]).
    pub population: u64,
}

const fn land(
    code: &'static str,
    iso: &'static str,
    ags: &'static str,
    name_de: &'static str,
    name_en: &'static str,
    population: u64,
) -> Land {
    Land {
        code,
        iso,
        ags,
        name_de,
        name_en,
        population,
    }
}

pub const LAENDER: [Land; 16] = [
    land(
        "SH",
        "DE-SH",
        "01",
        "Schleswig-Holstein",
        "Schleswig-Holstein",
        2_959_517,
    ),
    land("HH", "DE-HH", "02", "Hamburg", "Hamburg", 1_862_565),
    land(
        "NI",
        "DE-NI",
        "03",
        "Niedersachsen",
        "Lower Saxony",
        8_004_489,
    ),
    land("HB", "DE-HB", "04", "Bremen", "Bremen", 704_881),
    land(
        "NW",
        "DE-NW",
        "05",
        "Nordrhein-Westfalen",
        "North Rhine-Westphalia",
        18_034_454,
    ),
    land("HE", "DE-HE", "06", "Hessen", "Hesse", 6_280_793),
    land(
        "RP",
        "DE-RP",
        "07",
        "Rheinland-Pfalz",
        "Rhineland-Palatinate",
        4_129_569,
    ),
    land(
        "BW",
        "DE-BW",
        "08",
        "Baden-Württemberg",
        "Baden-Württemberg",
        11_245_898,
    ),
    land("BY", "DE-BY", "09", "Bayern", "Bavaria", 13_248_928),
    land("SL", "DE-SL", "10", "Saarland", "Saarland", 1_012_141),
    land("BE", "DE-BE", "11", "Berlin", "Berlin", 3_685_265),
    land("BB", "DE-BB", "12", "Brandenburg", "Brandenburg", 2_556_747),
    land(
        "MV",
        "DE-MV",
        "13",
        "Mecklenburg-Vorpommern",
        "Mecklenburg-Western Pomerania",
        1_573_597,
    ),
    land("SN", "DE-SN", "14", "Sachsen", "Saxony", 4_042_422),
    land(
        "ST",
        "DE-ST",
        "15",
        "Sachsen-Anhalt",
        "Saxony-Anhalt",
        2_135_597,
    ),
    land("TH", "DE-TH", "16", "Thüringen", "Thuringia", 2_100_277),
];

/// Number of Länder; payer index 16 is the Bund.
pub const N_LAENDER: usize = LAENDER.len();

pub const POPULATION_SOURCE: &str =
    "Destatis, Bevölkerung der Länder am 31.12.2024 (Gemeindeverzeichnis GV100AD, Stand 30.11.2025)";
pub const POPULATION_REFERENCE_DATE: &str = "2024-12-31";

/// Finds a Land by code (`BY`), ISO code (`DE-BY`) or AGS (`09`), in any case.
pub fn find(name: &str) -> Option<usize> {
    let upper = name.to_ascii_uppercase();
    match upper.strip_prefix("DE-") {
        Some(code) => LAENDER.iter().position(|l| l.code == code),
        None => LAENDER
            .iter()
            .position(|l| l.code == upper || l.ags == upper),
    }
}

/// One published edition of the Königsteiner Schlüssel, in percent, in [`LAENDER`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KsEdition {
    /// The budget year the key is used for (GWK labelling).
    pub year: u16,
    /// Shares in percent as published (five decimals), in AGS order.
    pub shares: [&'static str; 16],
    /// Where the numbers come from.
    pub source: &'static str,
}

impl KsEdition {
    /// The key id used in requests and responses: `ks-2019`.
    pub fn id(&self) -> String {
        format!("ks-{}", self.year)
    }
}

/// Embedded editions, oldest first. After 2019 no newer GWK key could be confirmed in public
/// sources (GaFinHG 2021 and DIW 2023 both use the 2019 key as the one in force).
pub const KS_EDITIONS: &[KsEdition] = &[
    KsEdition {
        year: 2014,
        shares: [
            "3.38791", "2.52738", "9.35696", "0.94097", "21.24052", "7.31557", "4.83472",
            "12.97496", "15.33048", "1.21566", "5.04557", "3.08092", "2.04165", "5.10067",
            "2.85771", "2.74835",
        ],
        source: "Königsteiner Schlüssel 2014: BAMF/BIAJ-Tabelle (BAMF-Jahr 2015)",
    },
    KsEdition {
        year: 2015,
        shares: [
            "3.40337", "2.52968", "9.32104", "0.95688", "21.21010", "7.35890", "4.83710",
            "12.86456", "15.51873", "1.22173", "5.04927", "3.06053", "2.02906", "5.08386",
            "2.83068", "2.72451",
        ],
        source: "Königsteiner Schlüssel 2015: BAMF/BIAJ-Tabelle (BAMF-Jahr 2016)",
    },
    KsEdition {
        year: 2016,
        shares: [
            "3.39074", "2.55752", "9.33138", "0.95331", "21.14424", "7.39885", "4.83089",
            "12.96662", "15.53327", "1.21111", "5.08324", "3.03655", "2.01240", "5.05577",
            "2.79941", "2.69470",
        ],
        source: "Königsteiner Schlüssel 2016: BAMF Erstverteilung „Für 2017“, Stand 01.01.2017",
    },
    KsEdition {
        year: 2019,
        shares: [
            "3.40578", "2.60343", "9.39533", "0.95379", "21.07592", "7.43709", "4.81848",
            "13.04061", "15.56072", "1.19827", "5.18995", "3.02987", "1.98045", "4.98208",
            "2.69612", "2.63211",
        ],
        source: "Königsteiner Schlüssel für das Jahr 2019: GaFinHG § 5 (1), BGBl. I 2021 S. 4602",
    },
];

/// The edition that the key `"ks"` means for a Wirtschaftsjahr: the newest one not after the
/// year; before the oldest edition, the oldest (the caller warns).
pub fn ks_for_year(year: i32) -> &'static KsEdition {
    KS_EDITIONS
        .iter()
        .rev()
        .find(|e| i32::from(e.year) <= year)
        .unwrap_or(&KS_EDITIONS[0])
}

/// The edition with this exact year, for keys like `"ks-2016"`.
pub fn ks_edition(year: u16) -> Option<&'static KsEdition> {
    KS_EDITIONS.iter().find(|e| e.year == year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn every_edition_sums_to_exactly_100() {
        for e in KS_EDITIONS {
            let sum: Decimal = e.shares.iter().map(|s| Decimal::from_str(s).unwrap()).sum();
            assert_eq!(sum, Decimal::from(100), "KS {}", e.year);
            assert!(e
                .shares
                .iter()
                .all(|s| s.split('.').nth(1).map(str::len) == Some(5)));
        }
    }

    #[test]
    fn spot_checks_per_edition() {
        // One published figure per edition, so a transposed column is caught.
        assert_eq!(ks_edition(2014).unwrap().shares[8], "15.33048"); // BY
        assert_eq!(ks_edition(2015).unwrap().shares[4], "21.21010"); // NW
        assert_eq!(ks_edition(2016).unwrap().shares[5], "7.39885"); // HE
        assert_eq!(ks_edition(2019).unwrap().shares[5], "7.43709"); // HE
    }

    #[test]
    fn editions_are_sorted_and_unique() {
        assert!(KS_EDITIONS.windows(2).all(|w| w[0].year < w[1].year));
    }

    #[test]
    fn ks_for_year_picks_newest_not_after() {
        assert_eq!(ks_for_year(2010).year, 2014);
        assert_eq!(ks_for_year(2014).year, 2014);
        assert_eq!(ks_for_year(2018).year, 2016);
        assert_eq!(ks_for_year(2025).year, 2019);
    }

    #[test]
    fn population_total_matches_destatis() {
        assert_eq!(
            LAENDER.iter().map(|l| l.population).sum::<u64>(),
            83_577_140
        );
    }

    #[test]
    fn finds_by_code_iso_and_ags_in_any_case() {
        assert_eq!(find("BY"), Some(8));
        assert_eq!(find("de-by"), Some(8));
        assert_eq!(find("09"), Some(8));
        assert_eq!(find("hh"), Some(1));
        assert_eq!(find("XX"), None);
        assert_eq!(find("9"), None);
        assert_eq!(find("DE-09"), None);
        assert_eq!(find(""), None);
    }

    #[test]
    fn laender_are_in_ags_order() {
        for (i, l) in LAENDER.iter().enumerate() {
            assert_eq!(l.ags, format!("{:02}", i + 1));
            assert_eq!(l.iso, format!("DE-{}", l.code));
        }
    }
}
