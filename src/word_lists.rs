//! The built-in word lists of the word rules (rules.md, "Word lists"), per language.
//!
//! Each entry is a word or phrase; a word ending in `*` matches any word that starts with it.
//! The lists name the forms they mean (plural, -ing, -ed; Bulgarian case and definite forms)
//! rather than a short stem that also catches unrelated words: `post*` would catch "postal",
//! `последовател*` "последователно" (consistently), `реклам*` "рекламация" (a complaint).
//! The lists are consistent with each other: a word that is a vanity KPI word in its plural
//! (`posts`, `tweets`) is a tactic word in every form too, and the activities of KP005 are
//! tactic words of GL003.

/// The languages with built-in lists.
pub const LANGUAGES: &[&str] = &["en", "bg"];

/// The four lists of one language.
pub struct Lists {
    pub vague: &'static [&'static str],
    pub vanity: &'static [&'static str],
    pub tactic: &'static [&'static str],
    pub activity: &'static [&'static str],
}

/// The built-in lists of a language, if it has them.
pub fn builtin(language: &str) -> Option<&'static Lists> {
    match language {
        "en" => Some(&EN),
        "bg" => Some(&BG),
        _ => None,
    }
}

pub static EN: Lists = Lists {
    vague: EN_VAGUE,
    vanity: EN_VANITY,
    tactic: EN_TACTIC,
    activity: EN_ACTIVITY,
};

pub static BG: Lists = Lists {
    vague: BG_VAGUE,
    vanity: BG_VANITY,
    tactic: BG_TACTIC,
    activity: BG_ACTIVITY,
};

pub const EN_VAGUE: &[&str] = &[
    "improve",
    "improves",
    "improved",
    "improving",
    "improvement",
    "improvements",
    "better",
    "more",
    "boost",
    "boosts",
    "boosted",
    "boosting",
    "enhance",
    "enhances",
    "enhanced",
    "enhancing",
    "enhancement",
    "enhancements",
    "optimize",
    "optimizes",
    "optimized",
    "optimizing",
    "optimization",
    "optimise",
    "optimises",
    "optimised",
    "optimising",
    "optimisation",
    "maximize",
    "maximizes",
    "maximized",
    "maximizing",
    "maximise",
    "maximises",
    "maximised",
    "maximising",
    "awareness",
    "presence",
    "try to",
    "tries to",
    "trying to",
    "hopefully",
    "as much as possible",
    "asap",
    "tbd",
    "etc",
];

pub const EN_VANITY: &[&str] = &[
    "followers",
    "follower",
    "fans",
    "likes",
    "impressions",
    "impression",
    "views",
    "posts",
    "tweets",
    "tweet",
    "retweets",
    "retweet",
    "reach",
    "shares",
    "subscribers",
    "engagement rate",
    "engagement rates",
    "social media engagement",
    "people talking about this",
];

pub const EN_TACTIC: &[&str] = &[
    "instagram",
    "facebook",
    "tiktok",
    "linkedin",
    "youtube",
    "twitter",
    "pinterest",
    "snapchat",
    "x.com",
    "post",
    "posts",
    "posted",
    "posting",
    "tweet",
    "tweets",
    "tweeted",
    "tweeting",
    "retweet",
    "retweets",
    "publish",
    "publishes",
    "published",
    "publishing",
    "launch",
    "launches",
    "launched",
    "launching",
    "run a contest",
    "runs a contest",
    "running a contest",
    "ran a contest",
    "run contests",
    "runs contests",
    "running contests",
    "ran contests",
    "contest",
    "contests",
    "giveaway",
    "giveaways",
    "hashtag",
    "hashtags",
    "influencer*",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertising",
    "campaign",
    "campaigns",
];

pub const EN_ACTIVITY: &[&str] = &[
    "launch",
    "launches",
    "launched",
    "launching",
    "publish",
    "publishes",
    "published",
    "publishing",
    "post",
    "posted",
    "posting",
    "implement",
    "implements",
    "implemented",
    "implementing",
    "deliver",
    "delivers",
    "delivered",
    "delivering",
    "campaign",
    "campaigns",
    "contest",
    "contests",
    "giveaway",
    "giveaways",
];

pub const BG_VAGUE: &[&str] = &[
    "подобр*",
    "повече",
    "по-добр*",
    "по-добре",
    "присъстви*",
    "осведомен*",
    "информираност*",
    "разпознаваемост*",
    "видимост*",
    "оптимиз*",
    "максимиз*",
    "засил*",
    "опит* се да",
    "ще се опитаме",
    "надяваме се",
    "дано",
    "възможно най-много",
    "колкото се може повече",
    "възможно най-скоро",
    "и т.н.",
    "и др.",
];

pub const BG_VANITY: &[&str] = &[
    "последовател",
    "последователя",
    "последователят",
    "последователи",
    "последователите",
    "фен",
    "фена",
    "фенът",
    "фенове*",
    "харесван*",
    "лайк*",
    "импресии*",
    "показвания*",
    "гледания*",
    "споделян*",
    "абонат*",
    "ангажираност*",
    "публикации*",
    "постове*",
    "туитове*",
    "ретуитове*",
    "обхват",
    "обхвата",
    "обхватът",
];

pub const BG_TACTIC: &[&str] = &[
    "инстаграм*",
    "фейсбук*",
    "тикток*",
    "линкдин*",
    "ютюб*",
    "туитър*",
    "instagram",
    "facebook",
    "tiktok",
    "linkedin",
    "youtube",
    "twitter",
    "pinterest",
    "snapchat",
    "x.com",
    "публикац*",
    "публикува*",
    "пост",
    "постове*",
    "постван*",
    "туит",
    "туита",
    "туитове*",
    "ретуитове*",
    "конкурс*",
    "томбол*",
    "игра с награди",
    "игри с награди",
    "хаштаг*",
    "инфлуенсър*",
    "инфлуенсер*",
    "реклама",
    "рекламата",
    "реклами",
    "рекламите",
    "рекламн*",
    "рекламира*",
    "кампани*",
    "стартира*",
    "лансира*",
];

pub const BG_ACTIVITY: &[&str] = &[
    "стартира*",
    "лансира*",
    "пуска*",
    "пусна*",
    "публикува*",
    "постван*",
    "провежда*",
    "провед*",
    "организира*",
    "кампани*",
    "конкурс*",
    "томбол*",
    "игра с награди",
    "игри с награди",
    "внедр*",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::WordList;

    fn hits(list: &[&str], text: &str) -> Vec<String> {
        let l = WordList::new(list);
        l.find(text)
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn every_list_has_no_duplicates_or_padding() {
        for lang in LANGUAGES {
            let l = builtin(lang).expect("built in");
            for list in [l.vague, l.vanity, l.tactic, l.activity] {
                let mut seen = std::collections::HashSet::new();
                for w in list {
                    assert!(seen.insert(w.to_lowercase()), "{lang}: `{w}` twice");
                    assert_eq!(w.trim(), *w, "{lang}: `{w}` has spaces around it");
                }
            }
        }
    }

    #[test]
    fn the_spec_stems_are_in_the_bulgarian_lists() {
        let required: [(&[&str], &[&str]); 4] = [
            (
                BG_VAGUE,
                &[
                    "подобр*",
                    "повече",
                    "по-добр*",
                    "присъстви*",
                    "осведомен*",
                    "информираност*",
                    "разпознаваемост*",
                    "оптимиз*",
                    "максимиз*",
                    "засил*",
                ],
            ),
            (
                BG_VANITY,
                &[
                    "последовател",
                    "последователя",
                    "последователят",
                    "последователи",
                    "последователите",
                    "фен",
                    "фенове*",
                    "харесван*",
                    "лайк*",
                    "импресии*",
                    "показвания*",
                    "гледания*",
                    "споделян*",
                    "абонат*",
                    "ангажираност*",
                    "публикации*",
                    "постове*",
                ],
            ),
            (
                BG_TACTIC,
                &[
                    "инстаграм*",
                    "фейсбук*",
                    "тикток*",
                    "линкдин*",
                    "ютюб*",
                    "публикац*",
                    "публикува*",
                    "пост",
                    "постове*",
                    "конкурс*",
                    "томбол*",
                    "игра с награди",
                    "игри с награди",
                    "хаштаг*",
                    "инфлуенсър*",
                    "инфлуенсер*",
                    "реклама",
                    "рекламата",
                    "реклами",
                    "рекламите",
                    "рекламн*",
                    "рекламира*",
                    "кампани*",
                ],
            ),
            (
                BG_ACTIVITY,
                &[
                    "стартира*",
                    "пуска*",
                    "пусна*",
                    "публикува*",
                    "провежда*",
                    "провед*",
                    "организира*",
                    "кампани*",
                    "конкурс*",
                    "внедр*",
                ],
            ),
        ];
        for (list, want) in required {
            for w in want {
                assert!(list.contains(w), "`{w}` missing");
            }
        }
        // The Latin-script platform names of the English list.
        for w in EN_TACTIC.iter().take(9) {
            assert!(
                BG_TACTIC.contains(w),
                "`{w}` missing from the Bulgarian tactic list"
            );
        }
    }

    #[test]
    fn the_english_lists_catch_inflected_forms() {
        assert_eq!(
            hits(
                EN_TACTIC,
                "We keep publishing posts and work with influencers"
            ),
            ["publishing", "posts", "influencers"]
        );
        assert_eq!(
            hits(
                EN_TACTIC,
                "Running contests and launched campaigns; postal survey"
            ),
            ["Running contests", "launched", "campaigns"]
        );
        assert_eq!(
            hits(EN_ACTIVITY, "Campaigns delivered"),
            ["Campaigns", "delivered"]
        );
        assert_eq!(
            hits(EN_VAGUE, "Optimising and improvements"),
            ["Optimising", "improvements"]
        );
    }

    #[test]
    fn the_lists_are_consistent_with_each_other() {
        // A vanity word that names something a plan does (posts, tweets) is a tactic word in
        // every form, and a word that is both an activity and a tactic has the same forms in both.
        for w in ["posts", "tweets", "retweets", "tweet", "retweet"] {
            assert!(EN_VANITY.contains(&w) && EN_TACTIC.contains(&w), "{w}");
        }
        for w in ["публикации", "постове", "туитове", "ретуитове"]
        {
            assert!(
                !hits(BG_VANITY, w).is_empty() && !hits(BG_TACTIC, w).is_empty(),
                "{w}"
            );
        }
        for (activity, tactic) in [(EN_ACTIVITY, EN_TACTIC), (BG_ACTIVITY, BG_TACTIC)] {
            let shared: Vec<&&str> = activity.iter().filter(|w| tactic.contains(w)).collect();
            for stem in [
                "launch",
                "publish",
                "post",
                "campaign",
                "contest",
                "giveaway",
                "стартира",
                "публикува",
                "кампани",
                "конкурс",
                "томбол",
            ] {
                let in_activity: Vec<&&str> =
                    activity.iter().filter(|w| w.starts_with(stem)).collect();
                for w in in_activity {
                    assert!(
                        shared.contains(&w),
                        "`{w}` is an activity but not a tactic word"
                    );
                }
            }
        }
    }

    #[test]
    fn bulgarian_false_friends_stay_silent() {
        let all: Vec<&str> = [BG_VAGUE, BG_VANITY, BG_TACTIC, BG_ACTIVITY].concat();
        for text in [
            "Повечето клиенти получават отговор",
            "последователно и подобно",
            "рекламация за доставка",
            "постигане на целта и постоянни клиенти",
            "пощенски адрес, постъпления от дарения",
            "опитът на екипа",
        ] {
            assert_eq!(hits(&all, text), Vec::<String>::new(), "{text}");
        }
    }
}

#[cfg(test)]
mod docs {
    use super::*;

    /// docs/rules.md lists every built-in entry: the docs cannot drift from the lists.
    #[test]
    fn docs_rules_md_lists_every_entry() {
        let docs = include_str!("../docs/rules.md");
        for (code, list) in [
            ("SM001", EN_VAGUE),
            ("KP004", EN_VANITY),
            ("GL003", EN_TACTIC),
            ("KP005", EN_ACTIVITY),
        ] {
            let row = docs
                .lines()
                .find(|l| l.starts_with(&format!("| {code} ")))
                .unwrap_or_default();
            let listed = row.split("*: ").nth(1).unwrap_or_default();
            let listed = listed.split(')').next().unwrap_or_default();
            let listed: Vec<&str> = listed.split(", ").collect();
            assert_eq!(listed, list, "{code} row of docs/rules.md");
        }
        for (what, list) in [
            ("vague", BG_VAGUE),
            ("vanity", BG_VANITY),
            ("tactic", BG_TACTIC),
            ("activity", BG_ACTIVITY),
        ] {
            let line = docs
                .lines()
                .find(|l| l.starts_with(&format!("- {what}: ")))
                .unwrap_or_default();
            let want: Vec<String> = list.iter().map(|w| format!("`{w}`")).collect();
            assert_eq!(
                line,
                format!("- {what}: {}", want.join(", ")),
                "Bulgarian {what}"
            );
        }
    }
}
