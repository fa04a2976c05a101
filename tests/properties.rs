//! Properties of the arithmetic over random valid requests (proptest, 10,000 cases each).
#![cfg(not(target_arch = "wasm32"))]

use efa_rechner::{allocate_json, Response};
use proptest::prelude::*;
use serde_json::{json, Value};

const CODES: [&str; 16] = [
    "SH", "HH", "NI", "HB", "NW", "HE", "RP", "BW", "BY", "SL", "BE", "BB", "MV", "SN", "ST", "TH",
];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(10_000),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn alliance() -> impl Strategy<Value = Vec<usize>> {
    proptest::sample::subsequence((0..16).collect::<Vec<usize>>(), 1..=16)
}

fn cents_str(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

/// Cents: mostly ordinary, sometimes tiny or huge.
fn cents() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..100, 100u64..100_000_000, 0u64..=1_000_000_000_000_000]
}

fn key(alliance: Vec<usize>) -> impl Strategy<Value = Value> {
    let usage = proptest::collection::vec(1u32..100_000, 16).prop_map(move |u| {
        let m: serde_json::Map<String, Value> = alliance
            .iter()
            .map(|&l| (CODES[l].to_string(), json!(u[l].to_string())))
            .collect();
        json!({ "usage": m })
    });
    prop_oneof![
        Just(json!("ks")),
        Just(json!("ks-2016")),
        Just(json!("population")),
        Just(json!("equal")),
        usage,
        (1u32..100).prop_map(|w| json!({"mix": [
            {"key": "ks", "weight": format!("0.{w:02}")},
            {"key": "population", "weight": format!("{}", rust_decimal::Decimal::ONE - rust_decimal::Decimal::new(w.into(), 2))}
        ]})),
    ]
}

fn model() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("alliance")),
        Just(json!("itplr-2023-35")),
        Just(json!("fitko")),
        (1u32..100, prop_oneof![Just("all"), Just("bund")]).prop_map(|(a, other)| json!({"tranches": [
            {"share": format!("0.{a:02}"), "payers": "alliance"},
            {"share": format!("{}", rust_decimal::Decimal::ONE - rust_decimal::Decimal::new(a.into(), 2)), "payers": other, "key": "equal"}
        ]})),
    ]
}

/// A random valid request and its alliance.
fn request() -> impl Strategy<Value = (Value, Vec<usize>)> {
    (alliance(), 2000i32..=2100).prop_flat_map(|(a, year)| {
        let items = proptest::collection::vec((cents(), prop::option::of(model()), prop::option::of(key(a.clone()))), 1..4);
        (Just(a.clone()), Just(year), model(), key(a.clone()), items, 0u32..365, any::<bool>())
            .prop_map(|(a, year, model, key, items, day, with_membership)| {
                let costs: Vec<Value> = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, (c, m, k))| {
                        let category = ["betrieb", "plattform", "nutzung"][i % 3];
                        let mut item = json!({"category": category, "amount": cents_str(c)});
                        if let Some(m) = m { item["model"] = m; }
                        if let Some(k) = k { item["key"] = k; }
                        item
                    })
                    .collect();
                let mut r = json!({"year": year, "costs": costs, "alliance": a.iter().map(|&l| CODES[l]).collect::<Vec<_>>(), "model": model, "key": key});
                // A member joining mid-year; only with another member left to pay the first period.
                if with_membership && a.len() >= 2 && day > 0 {
                    let date = first_day_plus(year, day);
                    r["membership"] = json!({ CODES[a[a.len() - 1]]: {"from": date} });
                }
                (r, a)
            })
    })
}

fn first_day_plus(year: i32, day: u32) -> String {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let months = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut d = day.min(if leap { 365 } else { 364 });
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{year}-{:02}-{:02}", m + 1, d + 1)
}

fn run(r: &Value) -> Response<'static> {
    allocate_json(r.to_string().as_bytes(), None).unwrap_or_else(|e| panic!("{e} for {r}"))
}

fn cents_of(m: &efa_rechner::Money) -> i128 {
    assert_eq!(m.scale(), 2, "{m}");
    m.minor()
}

fn amounts(r: &Response) -> Vec<(&'static str, efa_rechner::Money)> {
    r.payers.iter().map(|p| (p.id, p.amount)).collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn payers_sum_to_the_total((r, _) in request()) {
        let res = run(&r);
        let sum: i128 = res.payers.iter().map(|p| cents_of(&p.amount)).sum();
        prop_assert_eq!(sum, cents_of(&res.total));
        let tranches: i128 = res.tranches.iter().map(|t| cents_of(&t.amount)).sum();
        prop_assert_eq!(tranches, cents_of(&res.total));
    }

    #[test]
    fn every_part_is_within_one_unit_of_its_exact_value((r, _) in request()) {
        let res = run(&r);
        for p in &res.payers {
            let mut parts_sum = 0i128;
            for part in &p.parts {
                let amount = part.amount.to_decimal();
                let exact = rust_decimal::Decimal::from_str_exact(&part.exact).unwrap();
                prop_assert!((amount - exact).abs() < rust_decimal::Decimal::new(1, 2), "{} {:?}", p.id, part);
                parts_sum += cents_of(&part.amount);
            }
            prop_assert_eq!(parts_sum, cents_of(&p.amount));
        }
    }

    #[test]
    fn permuting_the_alliance_or_the_items_changes_nothing((r, _) in request(), seed in any::<u64>()) {
        let base = run(&r);
        let mut shuffled = r.clone();
        let mut rng = seed;
        let mut shuffle = |v: &mut Vec<Value>| {
            for i in (1..v.len()).rev() {
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                v.swap(i, (rng >> 33) as usize % (i + 1));
            }
        };
        shuffle(shuffled["alliance"].as_array_mut().unwrap());
        shuffle(shuffled["costs"].as_array_mut().unwrap());
        prop_assert_eq!(amounts(&base), amounts(&run(&shuffled)));
    }

    #[test]
    fn a_new_member_never_raises_another_members_amount_by_more_than_one_unit(
        (extra, a) in (0usize..16).prop_flat_map(|extra| {
            let others: Vec<usize> = (0..16).filter(|&l| l != extra).collect();
            (Just(extra), proptest::sample::subsequence(others, 1..=15))
        }),
        c in cents(),
        year in 2000i32..=2100
    ) {
        let make = |a: &[usize]| json!({"year": year, "costs": cents_str(c), "alliance": a.iter().map(|&l| CODES[l]).collect::<Vec<_>>(), "model": "alliance", "key": "ks"});
        let before = run(&make(&a));
        let mut bigger = a.clone();
        bigger.push(extra);
        let after = run(&make(&bigger));
        for p in &before.payers {
            let q = after.payers.iter().find(|q| q.id == p.id).unwrap();
            prop_assert!(cents_of(&q.amount) <= cents_of(&p.amount) + 1, "{}: {} → {}", p.id, p.amount, q.amount);
        }
    }

    #[test]
    fn periods_add_up_to_the_year((r, _) in request()) {
        let res = run(&r);
        let year = res.year;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        prop_assert_eq!(res.periods.iter().map(|p| p.days).sum::<u64>(), if leap { 366 } else { 365 });
        prop_assert_eq!(res.periods[0].from.clone(), format!("{year}-01-01"));
        prop_assert_eq!(res.periods.last().unwrap().to.clone(), format!("{year}-12-31"));
        for item in &res.items {
            let per_period: i128 = res.payers.iter().flat_map(|p| &p.parts).filter(|x| x.item == item.index).map(|x| cents_of(&x.amount)).sum();
            prop_assert_eq!(per_period, cents_of(&item.amount));
        }
    }

    #[test]
    fn kommune_rows_and_land_keeps_add_up_to_the_land_amount(
        (r, a) in request(), pick in any::<prop::sample::Index>(), share in 0u32..=100, exempt in prop_oneof![Just(0u64), 1u64..300_000], equal in any::<bool>()
    ) {
        let mut r = r;
        let land = a[pick.index(a.len())];
        r["kommunen"] = json!({"land": CODES[land], "landShare": format!("{}", rust_decimal::Decimal::new(share.into(), 2)), "exemptBelow": exempt, "key": if equal { "equal" } else { "population" }});
        match allocate_json(r.to_string().as_bytes(), None) {
            Ok(res) => {
                let k = res.kommunen.as_ref().unwrap();
                let land_amount = res.payers.iter().find(|p| p.id == CODES[land]).unwrap().amount;
                prop_assert_eq!(k.land_amount, land_amount);
                let rows = k.rows.as_ref().unwrap();
                let sum: i128 = rows.iter().map(|row| cents_of(&row.amount)).sum();
                prop_assert_eq!(sum + cents_of(&k.land_keeps), cents_of(&land_amount));
                prop_assert!(rows.windows(2).all(|w| w[0].ags < w[1].ags));
                prop_assert!(rows.iter().all(|row| !row.exempt || cents_of(&row.amount) == 0));
                // The columnar layout carries exactly the same Kommunen and cents.
                let mut c = r.clone();
                c["kommunen"]["format"] = json!("columns");
                let cols = allocate_json(c.to_string().as_bytes(), None).unwrap();
                let cols = cols.kommunen.as_ref().unwrap().columns.clone().unwrap();
                prop_assert_eq!(cols.kommunen.iter().map(|k| k.ags.as_str()).collect::<Vec<_>>(), rows.iter().map(|r| r.ags).collect::<Vec<_>>());
                // amounts as integer units of the response's unit
                let unit: rust_decimal::Decimal = res.unit.to_decimal();
                let amounts: Vec<rust_decimal::Decimal> = cols.amount.iter().map(|&u| rust_decimal::Decimal::from(u as u64) * unit).collect();
                prop_assert_eq!(amounts, rows.iter().map(|r| r.amount.to_decimal()).collect::<Vec<_>>());
                prop_assert_eq!(cols.exempt, rows.iter().map(|r| r.exempt).collect::<Vec<_>>());
            }
            // Every Kreis exempt is a coded error, never a wrong sum.
            Err(e) => prop_assert_eq!(e.code, efa_rechner::ErrorCode::ZeroWeights),
        }
    }
}
