//! The report's tables as data (the plan's facts, business goals, the SMART table, metrics per
//! tactic): built once here, rendered by the Markdown and HTML renderers with their own escaping.

use super::{Check, LetterRow, MetricStatus, PlanSummary, SMART_COLUMNS};

pub struct Table {
    /// The class the HTML table takes (`facts`, `smart`).
    pub class: Option<&'static str>,
    pub columns: Vec<Column>,
    /// Whether each row's first cell is its label (a table of facts: no header row in HTML).
    pub labelled: bool,
    pub rows: Vec<Vec<Cell>>,
}

pub struct Column {
    pub title: &'static str,
    pub align: Align,
    /// A longer name for the title (the HTML `title` attribute).
    pub hint: Option<&'static str>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A cell: an optional mark, then its text, then the reasons behind the mark.
#[derive(Default)]
pub struct Cell {
    pub mark: Option<Mark>,
    pub body: Vec<Inline>,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// ✓
    Ok,
    /// ✓ because no rule for this column fired.
    NoDiagnostic,
    /// ✗
    Bad,
    /// ? (not checked)
    Unknown,
}

/// Why a cell has its mark: a diagnostic (its code and message) or a note.
pub struct Reason {
    pub code: Option<&'static str>,
    pub message: String,
}

/// Inline content, escaped by each renderer.
pub enum Inline {
    Text(String),
    /// An id or key, shown as code.
    Code(String),
    Break,
    /// What stands in for something absent (italic); its backticked parts are code.
    Missing(String),
}

fn text(s: impl Into<String>) -> Cell {
    Cell {
        body: vec![Inline::Text(s.into())],
        ..Cell::default()
    }
}

fn marked(mark: Mark, body: &str) -> Cell {
    Cell {
        mark: Some(mark),
        body: if body.is_empty() {
            Vec::new()
        } else {
            vec![Inline::Text(body.into())]
        },
        reasons: Vec::new(),
    }
}

fn column(title: &'static str) -> Column {
    Column {
        title,
        align: Align::Left,
        hint: None,
    }
}

fn or_dash(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".into())
}

/// `a`, `b` as code, or a dash.
fn codes(v: &[String]) -> Cell {
    if v.is_empty() {
        return text("—");
    }
    let mut body = Vec::new();
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            body.push(Inline::Text(", ".into()));
        }
        body.push(Inline::Code(x.clone()));
    }
    Cell {
        body,
        ..Cell::default()
    }
}

/// Scope, horizon, owner, mission and diagnostic counts.
pub fn facts(p: &PlanSummary) -> Table {
    let department = |d: &String| {
        [
            Inline::Text(" (department ".into()),
            Inline::Text(d.clone()),
            Inline::Text(")".into()),
        ]
    };
    let scope = match (&p.scope, &p.department) {
        (Some(s), d) => [Inline::Code(s.clone())]
            .into_iter()
            .chain(d.iter().flat_map(department))
            .collect(),
        (None, Some(d)) => [Inline::Text("—".into())]
            .into_iter()
            .chain(department(d))
            .collect(),
        (None, None) => vec![Inline::Text("—".into())],
    };
    let horizon = vec![
        Inline::Text(or_dash(&p.start)),
        Inline::Text(" → ".into()),
        Inline::Text(or_dash(&p.end)),
    ];
    let row = |label: &str, body: Vec<Inline>| {
        vec![
            text(label),
            Cell {
                body,
                ..Cell::default()
            },
        ]
    };
    Table {
        class: Some("facts"),
        columns: vec![column(""), column("")],
        labelled: true,
        rows: vec![
            row("Scope", scope),
            row("Horizon", horizon),
            row("Owner", vec![Inline::Text(or_dash(&p.owner))]),
            row("Mission", vec![Inline::Text(or_dash(&p.mission))]),
            row("Diagnostics", vec![Inline::Text(p.counts.sentence())]),
        ],
    }
}

fn letter_row(l: &LetterRow) -> Vec<Cell> {
    let (business_goal, status) = match (&l.text, l.invalid) {
        (None, _) => (
            Cell {
                body: vec![Inline::Missing("missing: not in `[business_goals]`".into())],
                ..Cell::default()
            },
            marked(Mark::Bad, "does not exist"),
        ),
        (Some(t), true) => (text(t), marked(Mark::Bad, "not a single capital letter")),
        (Some(t), false) if l.goals.is_empty() => {
            (text(t), marked(Mark::Bad, "no goal supports it"))
        }
        (Some(t), false) => (text(t), marked(Mark::Ok, "")),
    };
    vec![
        codes(std::slice::from_ref(&l.letter)),
        business_goal,
        codes(&l.goals),
        status,
    ]
}

/// Each business goal and the goals that support it.
pub fn letters(p: &PlanSummary) -> Table {
    Table {
        class: None,
        columns: ["Letter", "Business goal", "Supported by", "Covered"]
            .into_iter()
            .map(column)
            .collect(),
        labelled: false,
        rows: p.letters.iter().map(letter_row).collect(),
    }
}

fn check_cell(c: &Check) -> Cell {
    match c {
        Check::Pass => marked(Mark::NoDiagnostic, ""),
        Check::Unknown(why) => Cell {
            mark: Some(Mark::Unknown),
            body: Vec::new(),
            reasons: vec![Reason {
                code: None,
                message: why.clone(),
            }],
        },
        Check::Fail(fired) => Cell {
            mark: Some(Mark::Bad),
            body: Vec::new(),
            reasons: fired
                .iter()
                .map(|(code, message)| Reason {
                    code: Some(code),
                    message: message.clone(),
                })
                .collect(),
        },
    }
}

/// One row per KPI: its target and a cell per SMART letter.
pub fn kpis(p: &PlanSummary) -> Table {
    let mut columns: Vec<Column> = ["Goal", "KPI", "Target"].into_iter().map(column).collect();
    columns.extend(SMART_COLUMNS.iter().map(|&(title, hint, _)| Column {
        title,
        align: Align::Center,
        hint: Some(hint),
    }));
    let rows = p
        .kpis
        .iter()
        .map(|k| {
            let mut kpi = vec![Inline::Code(k.kpi.clone())];
            if let Some(n) = &k.name {
                kpi.extend([Inline::Break, Inline::Text(n.clone())]);
            }
            let mut row = vec![
                codes(std::slice::from_ref(&k.goal)),
                Cell {
                    body: kpi,
                    ..Cell::default()
                },
                text(k.target.clone()),
            ];
            row.extend(k.checks.iter().map(check_cell));
            row
        })
        .collect();
    Table {
        class: Some("smart"),
        columns,
        labelled: false,
        rows,
    }
}

/// One row per tactic: the goals it serves and its kept metrics against the limit.
pub fn tactics(p: &PlanSummary) -> Table {
    let mut columns: Vec<Column> = ["Tactic", "Serves", "Kept metrics"]
        .into_iter()
        .map(column)
        .collect();
    columns.push(Column {
        title: "Count",
        align: Align::Right,
        hint: None,
    });
    columns.push(Column {
        title: "Within limit",
        align: Align::Center,
        hint: None,
    });
    let rows = p
        .tactics
        .iter()
        .map(|t| {
            let metrics = if t.metrics.is_empty() {
                text("—")
            } else {
                let mut body = Vec::new();
                for (i, m) in t.metrics.iter().enumerate() {
                    if i > 0 {
                        body.push(Inline::Break);
                    }
                    body.push(Inline::Text(m.clone()));
                }
                Cell {
                    body,
                    ..Cell::default()
                }
            };
            let serves = if t.goals.is_empty() {
                marked(Mark::Bad, "no goal")
            } else {
                codes(&t.goals)
            };
            let status = match t.status {
                MetricStatus::Ok => marked(Mark::Ok, ""),
                MetricStatus::TooFew => marked(Mark::Bad, &format!("fewer than {}", p.metrics_min)),
                MetricStatus::TooMany => marked(Mark::Bad, &format!("more than {}", p.metrics_max)),
            };
            vec![
                codes(std::slice::from_ref(&t.tactic)),
                serves,
                metrics,
                text(t.metrics.len().to_string()),
                status,
            ]
        })
        .collect();
    Table {
        class: None,
        columns,
        labelled: false,
        rows,
    }
}
