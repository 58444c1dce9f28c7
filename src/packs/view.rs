//! The item view of a plan that pack rules read: the model's items, valid values only.
//!
//! Packs see the plan exactly as built-in rules do: a value a PL rule reports (wrong type,
//! invalid, misspelt key) is absent here, lists hold only their valid entries, and items are
//! named with the model's labels. So one problem gives one diagnostic, whoever owns the rule.

use super::Selector;
use super::expr::Shared;
use crate::model::Text;
use crate::model::{Direction, Goal, Kpi, Letter, Metric, Plan, Slot, Str, Tactic};
use crate::rules::options::Limits;
use crate::source::Span;
use std::cell::OnceCell;
use toml::value::Date;

/// One plan as pack rules see it, with what every rule of a file shares.
pub struct PlanView<'p> {
    pub plan: &'p Plan<'p>,
    pub limits: &'p Limits,
    /// The CEL variables `plan` and `limits`, built on first use: plans linted only by rules
    /// without expressions (the built-in pack) never pay for them.
    shared: OnceCell<Shared<'p>>,
}

impl<'p> PlanView<'p> {
    pub fn new(plan: &'p Plan<'p>, limits: &'p Limits) -> Self {
        Self {
            plan,
            limits,
            shared: OnceCell::new(),
        }
    }

    /// The items a selector picks, in source order.
    pub fn items(&self, select: Selector) -> Items<'p> {
        items(self.plan, select)
    }

    pub fn shared(&self) -> &Shared<'p> {
        self.shared
            .get_or_init(|| Shared::new(self.plan, self.limits))
    }
}

/// The items a selector picks, in source order: read in place, no list built per rule.
pub fn items<'p>(plan: &'p Plan<'p>, select: Selector) -> Items<'p> {
    Items {
        plan,
        select,
        i: 0,
        j: 0,
    }
}

/// The items of one selector: `i` is the index of the item (of the goal for KPIs), `j` that
/// of the KPI within its goal.
pub struct Items<'p> {
    plan: &'p Plan<'p>,
    select: Selector,
    i: usize,
    j: usize,
}

impl<'p> Iterator for Items<'p> {
    type Item = Item<'p>;

    fn next(&mut self) -> Option<Item<'p>> {
        let plan = self.plan;
        let i = self.i;
        let item = match self.select {
            Selector::Plan => plan.header.filter(|_| i == 0).map(|header| Item {
                header,
                of: Of::Plan(plan),
            }),
            Selector::BusinessGoals => plan
                .business_goals
                .as_ref()
                .and_then(|b| b.letters.get(i))
                .map(|l| Item {
                    header: l.key.span,
                    of: Of::Letter(l),
                }),
            Selector::Goal => plan.goals.get(i).map(|g| Item {
                header: g.header,
                of: Of::Goal(g),
            }),
            Selector::Kpi => loop {
                let goal = plan.goals.get(self.i)?;
                if let Some(kpi) = goal.kpis.get(self.j) {
                    self.j += 1;
                    return Some(Item {
                        header: kpi.header,
                        of: Of::Kpi { goal, kpi },
                    });
                }
                self.i += 1;
                self.j = 0;
            },
            Selector::Tactic => plan.tactics.get(i).map(|t| Item {
                header: t.header,
                of: Of::Tactic(t),
            }),
        };
        self.i += 1;
        item
    }
}

/// One selected item.
#[derive(Clone, Copy)]
pub struct Item<'p> {
    /// Where a diagnostic about the whole item points: its table header (or letter key).
    pub header: Span,
    pub of: Of<'p>,
}

#[derive(Clone, Copy)]
pub enum Of<'p> {
    Plan(&'p Plan<'p>),
    Letter(&'p Letter<'p>),
    Goal(&'p Goal<'p>),
    Kpi {
        goal: &'p Goal<'p>,
        kpi: &'p Kpi<'p>,
    },
    Tactic(&'p Tactic<'p>),
}

/// A valid value of an item.
pub enum Value<'p> {
    Text(&'p str),
    Number(f64),
    Date(Date),
    /// The valid strings of a list (`goals`, `supports`) or the names of its valid metrics.
    Strings(Strings<'p>),
    /// A goal's KPIs.
    Kpis(&'p [Kpi<'p>]),
}

/// The valid strings of a list, read from the model where they lie: most checks want only
/// the count or one entry, so no list of `(span, text)` is built for them.
#[derive(Clone, Copy)]
pub enum Strings<'p> {
    Strs(&'p [Str<'p>]),
    Metrics(&'p [Metric<'p>]),
}

impl<'p> Strings<'p> {
    pub fn len(&self) -> usize {
        match self {
            Strings::Strs(v) => v.len(),
            Strings::Metrics(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The span and text of entry `i`.
    pub fn get(&self, i: usize) -> Option<(Span, &'p str)> {
        match *self {
            Strings::Strs(v) => v.get(i).map(|s| (s.span, s.value.as_ref())),
            Strings::Metrics(v) => v.get(i).map(|m| (m.span, m.name.as_ref())),
        }
    }

    /// Every entry's span and text, in order.
    pub fn iter(self) -> impl Iterator<Item = (Span, &'p str)> {
        (0..self.len()).filter_map(move |i| self.get(i))
    }
}

/// A key of an item.
pub enum Entry<'p> {
    /// Absent, or written with a value a PL rule reports: the span of that value, if any.
    Absent(Option<Span>),
    Valid {
        key: Span,
        span: Span,
        value: Value<'p>,
    },
}

fn slot<'p, T>(s: &'p Slot<T>, value: impl FnOnce(&'p T) -> Value<'p>) -> Entry<'p> {
    match s {
        Slot::Valid(f) => Entry::Valid {
            key: f.key,
            span: f.span,
            value: value(&f.value),
        },
        other => Entry::Absent(other.value_span()),
    }
}

fn text<'a>(s: &'a Slot<Text<'a>>) -> Entry<'a> {
    slot(s, |v| Value::Text(v))
}

fn strs<'a>(s: &'a Slot<Vec<Str<'a>>>) -> Entry<'a> {
    slot(s, |v| Value::Strings(Strings::Strs(v)))
}

fn metrics<'a>(s: &'a Slot<Vec<Metric<'a>>>) -> Entry<'a> {
    slot(s, |v| Value::Strings(Strings::Metrics(v)))
}

pub fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "increase",
        Direction::Decrease => "decrease",
        Direction::Maintain => "maintain",
    }
}

impl<'p> Item<'p> {
    /// The item's key, as the model has it.
    pub fn get(&self, key: &str) -> Entry<'p> {
        match self.of {
            Of::Plan(p) => match key {
                "title" => text(&p.title),
                "scope" => text(&p.scope),
                "start" => slot(&p.start, |d| Value::Date(*d)),
                "end" => slot(&p.end, |d| Value::Date(*d)),
                "owner" => text(&p.owner),
                "department" => text(&p.department),
                "currency" => text(&p.currency),
                "mission" => text(&p.mission),
                _ => Entry::Absent(None),
            },
            Of::Letter(l) => match key {
                "letter" => Entry::Valid {
                    key: l.key.span,
                    span: l.key.span,
                    value: Value::Text(&l.key.value),
                },
                "text" => text(&l.text),
                _ => Entry::Absent(None),
            },
            Of::Goal(g) => match key {
                "id" => text(&g.id),
                "statement" => text(&g.statement),
                "supports" => strs(&g.supports),
                "perspective" => text(&g.perspective),
                // The model keeps only the `[[goal.kpi]]` tables; `kpi = [1, 2]` is PL005's.
                "kpi" => match g.kpis.first() {
                    Some(first) => Entry::Valid {
                        key: first.header,
                        span: first.header,
                        value: Value::Kpis(&g.kpis),
                    },
                    None => Entry::Absent(None),
                },
                _ => Entry::Absent(None),
            },
            Of::Kpi { kpi: k, .. } => match key {
                "id" => text(&k.id),
                "name" => text(&k.name),
                "core_goal" => text(&k.core_goal),
                "unit" => text(&k.unit),
                "baseline" => slot(&k.baseline, |n| Value::Number(*n)),
                "target" => slot(&k.target, |n| Value::Number(*n)),
                "direction" => slot(&k.direction, |d| Value::Text(direction(*d))),
                "deadline" => slot(&k.deadline, |d| Value::Date(*d)),
                "owner" => text(&k.owner),
                "source" => text(&k.source),
                _ => Entry::Absent(None),
            },
            Of::Tactic(t) => match key {
                "id" => text(&t.id),
                "name" => text(&t.name),
                "goals" => strs(&t.goals),
                "metrics" => metrics(&t.metrics),
                "candidates" => metrics(&t.candidates),
                "cost" => slot(&t.cost, |n| Value::Number(*n)),
                _ => Entry::Absent(None),
            },
        }
    }

    /// How messages name the item, as the built-in rules do.
    pub fn label(&self) -> String {
        match self.of {
            Of::Plan(_) => "the plan".to_string(),
            Of::Letter(l) => format!("business goal `{}`", l.key.value),
            Of::Goal(g) => g.label(),
            Of::Kpi { kpi, .. } => kpi.label(),
            Of::Tactic(t) => t.label(),
        }
    }
}

impl Value<'_> {
    /// The value in a message: strings unquoted, numbers as the built-in rules print them,
    /// lists comma-separated.
    pub fn display(&self) -> String {
        match self {
            Value::Text(s) => s.to_string(),
            Value::Number(n) => crate::rules::smart::num(*n),
            Value::Date(d) => d.to_string(),
            Value::Strings(v) => v.iter().map(|(_, s)| s).collect::<Vec<_>>().join(", "),
            Value::Kpis(k) => k
                .iter()
                .map(|k| k.id.value().map_or("(none)", |s| s.as_ref()))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Entry, Of, Selector, Value, items};
    use crate::model::{Plan, build};

    fn plan(text: &str) -> Plan<'_> {
        let root = toml::de::DeTable::parse(text).map(|t| t.into_inner());
        build(&root.unwrap_or_default(), text).plan
    }

    #[test]
    fn items_walk_every_kpi_of_every_goal_in_order() {
        let p = plan(
            "[plan]\ntitle = \"t\"\n[[goal]]\nid = \"a\"\n[[goal.kpi]]\nid = \"a1\"\n\
             [[goal.kpi]]\nid = \"a2\"\n[[goal]]\nid = \"b\"\n[[goal]]\nid = \"c\"\n\
             [[goal.kpi]]\nid = \"c1\"\n[business_goals]\nA = \"x\"\nB = \"y\"\n",
        );
        let ids: Vec<String> = items(&p, Selector::Kpi)
            .map(|i| match i.of {
                Of::Kpi { goal, kpi } => format!("{}/{}", goal.label(), kpi.label()),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            ids,
            [
                "goal `a`/KPI `a1`",
                "goal `a`/KPI `a2`",
                "goal `c`/KPI `c1`"
            ]
        );
        assert_eq!(items(&p, Selector::Goal).count(), 3);
        assert_eq!(items(&p, Selector::Plan).count(), 1);
        assert_eq!(items(&p, Selector::BusinessGoals).count(), 2);
        assert_eq!(items(&p, Selector::Tactic).count(), 0);
        assert_eq!(items(&plan("x = 1"), Selector::Plan).count(), 0);
        assert_eq!(items(&plan("x = 1"), Selector::Kpi).count(), 0);
    }

    #[test]
    fn lists_are_read_in_place() {
        let p = plan(
            "[[tactic]]\nid = \"t\"\ngoals = [\"a\", 1, \"b\"]\n\
             metrics = [\"m\", { name = \"n\" }, \"\"]\n",
        );
        let Some(tactic) = items(&p, Selector::Tactic).next() else {
            panic!("one tactic");
        };
        for (key, want) in [("goals", ["a", "b"]), ("metrics", ["m", "n"])] {
            let Entry::Valid {
                value: Value::Strings(v),
                ..
            } = tactic.get(key)
            else {
                panic!("{key} is a list");
            };
            assert_eq!(v.len(), 2);
            assert!(!v.is_empty());
            assert_eq!(v.iter().map(|(_, s)| s).collect::<Vec<_>>(), want);
            assert_eq!(v.get(1).map(|(_, s)| s), Some(want[1]));
            assert_eq!(v.get(2), None);
            assert_eq!(Value::Strings(v).display(), want.join(", "));
        }
    }
}
