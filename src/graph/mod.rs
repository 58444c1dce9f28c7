//! The plan's tree as a graph: business goals, mission, goals, KPIs, tactics and every link.
//!
//! [`build`] reads a [`Plan`] (however broken) into a [`Graph`] of nodes and edges. Broken links
//! and orphans are kept and marked, never dropped: a reference to a letter or goal that does not
//! exist gets a *missing* node and a broken edge; a tactic without a goal, a letter no goal
//! supports, a goal without KPI or tactic carry a problem line. The renderers turn the graph into
//! a Mermaid flowchart ([`mermaid`]), a Graphviz digraph ([`dot`]) or an inline SVG ([`svg`]);
//! [`draw_file`] is `smplan graph`: read, parse, then draw or diagnose.
//!
//! The picture reads left to right as *how → what → why*: tactics serve goals, KPIs measure
//! goals, goals support business goals and serve the mission.

mod draw;
pub(crate) mod svg;

use crate::model::Text;
pub use draw::{Format, draw_file, draw_stdin, limit_for};
pub use svg::svg;

use crate::model::{Direction, Plan, Slot};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Mission,
    BusinessGoal,
    Goal,
    Kpi,
    Tactic,
    /// A letter or goal id that something refers to but the plan does not define.
    Missing,
}

impl NodeKind {
    /// The CSS / Mermaid class name.
    pub fn class(self) -> &'static str {
        match self {
            NodeKind::Mission => "mission",
            NodeKind::BusinessGoal => "business",
            NodeKind::Goal => "goal",
            NodeKind::Kpi => "kpi",
            NodeKind::Tactic => "tactic",
            NodeKind::Missing => "missing",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Node {
    /// A safe identifier (`[a-z0-9_]`, starting with a letter), unique in the graph.
    pub id: String,
    pub kind: NodeKind,
    /// First line, e.g. `Goal deflect`.
    pub title: String,
    /// Further lines of text (statement, target, metrics), not yet wrapped.
    pub lines: Vec<String>,
    /// What is wrong with this node (an orphan, a missing mission); drawn in red.
    pub problems: Vec<String>,
}

impl Node {
    pub fn is_marked(&self) -> bool {
        self.kind == NodeKind::Missing || !self.problems.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// goal → business goal (`supports`).
    Supports,
    /// tactic → goal (`tactic.goals`).
    Serves,
    /// KPI → its goal.
    Measures,
    /// goal — mission (the method's cascade; no key in the plan).
    Mission,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Index into [`Graph::nodes`].
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// The reference does not resolve (it points at a missing node).
    pub broken: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// The plan's title (or "plan").
    pub title: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Graph {
    fn add(&mut self, id: String, kind: NodeKind, title: String) -> usize {
        self.nodes.push(Node {
            id,
            kind,
            title,
            lines: Vec::new(),
            problems: Vec::new(),
        });
        self.nodes.len() - 1
    }

    fn link(&mut self, from: usize, to: usize, kind: EdgeKind, broken: bool) {
        let e = Edge {
            from,
            to,
            kind,
            broken,
        };
        if !self.edges.contains(&e) {
            self.edges.push(e);
        }
    }

    pub fn of_kind(&self, kind: NodeKind) -> impl Iterator<Item = (usize, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.kind == kind)
    }
}

fn text_of<'a>(slot: &'a Slot<Text<'_>>) -> Option<&'a str> {
    slot.value().map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// `1500`, `0.5`: numbers as a planner writes them.
pub fn number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// `target 1500 contacts/month (baseline 800, increase)`.
fn kpi_target(kpi: &crate::model::Kpi) -> String {
    let target = match (&kpi.target, &kpi.target_text) {
        (Slot::Valid(f), _) => number(f.value),
        (Slot::Invalid { .. }, Some(t)) => format!("\"{t}\" (not a number)"),
        (Slot::Invalid { .. }, None) => "(not a number)".into(),
        (Slot::Missing | Slot::Misspelt { .. }, _) => "?".into(),
    };
    let unit = text_of(&kpi.unit).unwrap_or("(no unit)");
    let mut extra = Vec::new();
    if let Some(b) = kpi.baseline.value() {
        extra.push(format!("baseline {}", number(*b)));
    }
    if let Some(d) = kpi.direction.value() {
        extra.push(
            match d {
                Direction::Increase => "increase",
                Direction::Decrease => "decrease",
                Direction::Maintain => "maintain",
            }
            .to_string(),
        );
    }
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(" ({})", extra.join(", "))
    };
    format!("target {target} {unit}{extra}")
}

/// Builds the graph of a plan. Never fails: whatever the model holds is drawn.
pub fn build(plan: &Plan) -> Graph {
    let mut g = Graph {
        title: text_of(&plan.title).unwrap_or("plan").to_string(),
        ..Graph::default()
    };

    let mission = g.add("mission".into(), NodeKind::Mission, "Mission".into());
    match text_of(&plan.mission) {
        Some(m) => g.nodes[mission].lines.push(m.to_string()),
        None => g.nodes[mission].problems.push("no mission".into()),
    }

    // Business goals, in file order; `letters[i]` is the node of letter i.
    let mut letters: Vec<(String, bool, usize)> = Vec::new();
    if let Some(bg) = &plan.business_goals {
        for (i, l) in bg.letters.iter().enumerate() {
            let n = g.add(
                format!("bg{i}"),
                NodeKind::BusinessGoal,
                format!("Business goal {}", l.key.value),
            );
            match text_of(&l.text) {
                Some(t) => g.nodes[n].lines.push(t.to_string()),
                None => g.nodes[n].lines.push("(no text)".into()),
            }
            if !l.valid {
                g.nodes[n]
                    .problems
                    .push("not a single capital letter A–Z".into());
            }
            letters.push((l.key.value.to_string(), l.valid, n));
        }
    }
    let mut missing_letters: Vec<(String, usize)> = Vec::new();

    // Goals and their KPIs.
    let mut goal_nodes = Vec::with_capacity(plan.goals.len());
    for (i, goal) in plan.goals.iter().enumerate() {
        let title = match goal.id.value() {
            Some(id) => format!("Goal {id}"),
            None => format!("Goal #{} (no id)", i + 1),
        };
        let n = g.add(format!("g{i}"), NodeKind::Goal, title);
        goal_nodes.push(n);
        if let Some(s) = text_of(&goal.statement) {
            g.nodes[n].lines.push(s.to_string());
        }
        g.link(n, mission, EdgeKind::Mission, false);
        let supports = goal.supports.value().map(Vec::as_slice).unwrap_or(&[]);
        if supports.is_empty() {
            g.nodes[n].problems.push("supports no business goal".into());
        }
        for s in supports {
            let target = letters
                .iter()
                .find(|(k, valid, _)| *valid && *k == s.value)
                .map(|(_, _, n)| *n);
            match target {
                Some(t) => g.link(n, t, EdgeKind::Supports, false),
                None => {
                    let m = match missing_letters.iter().find(|(k, _)| *k == s.value) {
                        Some((_, m)) => *m,
                        None => {
                            let m = g.add(
                                format!("mb{}", missing_letters.len()),
                                NodeKind::Missing,
                                format!("Business goal {}", s.value),
                            );
                            g.nodes[m]
                                .problems
                                .push("missing: not in [business_goals]".into());
                            missing_letters.push((s.value.to_string(), m));
                            m
                        }
                    };
                    g.link(n, m, EdgeKind::Supports, true);
                }
            }
        }
        if goal.kpis.is_empty() {
            g.nodes[n].problems.push("no KPI".into());
        }
        for (j, kpi) in goal.kpis.iter().enumerate() {
            let title = match kpi.id.value() {
                Some(id) => format!("KPI {id}"),
                None => format!("KPI #{} (no id)", j + 1),
            };
            let k = g.add(format!("g{i}k{j}"), NodeKind::Kpi, title);
            if let Some(name) = text_of(&kpi.name) {
                g.nodes[k].lines.push(name.to_string());
            }
            g.nodes[k].lines.push(kpi_target(kpi));
            g.nodes[k].lines.push(match &kpi.deadline {
                Slot::Valid(d) => format!("by {}", d.value),
                Slot::Invalid { .. } => "deadline is not a date".into(),
                Slot::Missing | Slot::Misspelt { .. } => "no deadline".into(),
            });
            g.link(k, n, EdgeKind::Measures, false);
        }
    }

    // Tactics.
    let mut missing_goals: Vec<(String, usize)> = Vec::new();
    let mut served = vec![false; plan.goals.len()];
    for (i, tactic) in plan.tactics.iter().enumerate() {
        let title = match tactic.id.value() {
            Some(id) => format!("Tactic {id}"),
            None => format!("Tactic #{} (no id)", i + 1),
        };
        let t = g.add(format!("t{i}"), NodeKind::Tactic, title);
        if let Some(name) = text_of(&tactic.name) {
            g.nodes[t].lines.push(name.to_string());
        }
        for m in tactic.metrics.value().into_iter().flatten() {
            g.nodes[t].lines.push(format!("• {}", m.name.trim()));
        }
        let goals = tactic.goals.value().map(Vec::as_slice).unwrap_or(&[]);
        if goals.is_empty() {
            g.nodes[t].problems.push("orphan: serves no goal".into());
        }
        for r in goals {
            let mut found = false;
            for (gi, goal) in plan.goals.iter().enumerate() {
                if goal.id.value().is_some_and(|id| *id == r.value) {
                    found = true;
                    if let (Some(&gn), Some(s)) = (goal_nodes.get(gi), served.get_mut(gi)) {
                        *s = true;
                        g.link(t, gn, EdgeKind::Serves, false);
                    }
                }
            }
            if !found {
                let m = match missing_goals.iter().find(|(k, _)| *k == r.value) {
                    Some((_, m)) => *m,
                    None => {
                        let m = g.add(
                            format!("mg{}", missing_goals.len()),
                            NodeKind::Missing,
                            format!("Goal {}", r.value),
                        );
                        g.nodes[m]
                            .problems
                            .push("missing: no [[goal]] has this id".into());
                        missing_goals.push((r.value.to_string(), m));
                        m
                    }
                };
                g.link(t, m, EdgeKind::Serves, true);
            }
        }
    }
    for (gi, s) in served.iter().enumerate() {
        if !s && let Some(&n) = goal_nodes.get(gi) {
            g.nodes[n].problems.push("no tactic serves it".into());
        }
    }
    for (_, valid, n) in &letters {
        let supported = g
            .edges
            .iter()
            .any(|e| e.kind == EdgeKind::Supports && e.to == *n);
        if *valid && !supported {
            g.nodes[*n].problems.push("no goal supports it".into());
        }
    }
    g
}

/// Splits `text` into lines of at most `width` characters, at spaces where possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        let mut wlen = word.chars().count();
        if len > 0 && len + 1 + wlen > width {
            out.push(std::mem::take(&mut line));
            len = 0;
        }
        while wlen > width {
            let head: String = word.chars().take(width - len).collect();
            let tail: String = word.chars().skip(width - len).collect();
            line.push_str(&head);
            out.push(std::mem::take(&mut line));
            len = 0;
            word = tail;
            wlen = word.chars().count();
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(&word);
        len += wlen;
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// Every line of a node as drawn: title, wrapped text lines, problems prefixed with `⚠`.
pub fn node_lines(node: &Node, width: usize) -> Vec<(String, LineStyle)> {
    let mut out = Vec::new();
    for l in wrap(&node.title, width) {
        out.push((l, LineStyle::Title));
    }
    for text in &node.lines {
        // A metric keeps its bullet on its first line only.
        for l in wrap(text, width) {
            out.push((l, LineStyle::Text));
        }
    }
    for p in &node.problems {
        for l in wrap(&format!("⚠ {p}"), width) {
            out.push((l, LineStyle::Problem));
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    Title,
    Text,
    Problem,
}

/// Characters per line in DOT labels. Mermaid wraps its labels itself (about 200px).
const LABEL_WIDTH: usize = 40;
const NO_WRAP: usize = usize::MAX / 2;

/// Escapes text for a quoted Mermaid label (`["..."]`): entity codes for every character that
/// Mermaid or the Markdown around it could read as syntax.
pub fn mermaid_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' | '[' | ']' | '{' | '}' | '<' | '>' | '&' | '|' | '`' | '\\' => {
                out.push_str(&format!("#{};", c as u32))
            }
            c if c.is_control() => out.push(' '),
            // Bidirectional controls would reorder the printed line (safety.md): an entity.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("#{};", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid `flowchart` (renders on GitHub in a ```` ```mermaid ```` block).
pub fn mermaid(g: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    out.push_str(&format!(
        "  %% {}: how → what → why\n",
        mermaid_escape(&g.title)
    ));
    for n in &g.nodes {
        let label = node_lines(n, NO_WRAP)
            .into_iter()
            .map(|(l, style)| {
                let l = mermaid_escape(&l);
                match style {
                    LineStyle::Title => format!("<b>{l}</b>"),
                    LineStyle::Text => l,
                    LineStyle::Problem => format!("<i>{l}</i>"),
                }
            })
            .collect::<Vec<_>>()
            .join("<br/>");
        out.push_str(&format!("  {}[\"{label}\"]:::{}\n", n.id, n.kind.class()));
    }
    // Link indices for `linkStyle`, counted as Mermaid counts them (in order of appearance).
    let mut links = 0usize;
    let mut broken = Vec::new();
    for e in &g.edges {
        let (Some(a), Some(b)) = (g.nodes.get(e.from), g.nodes.get(e.to)) else {
            continue;
        };
        let arrow = match (e.kind, e.broken) {
            (EdgeKind::Mission, _) => "-.-",
            (_, true) => "-.->|missing|",
            (EdgeKind::Measures, false) => "-.->|measures|",
            _ => "-->",
        };
        if e.broken {
            broken.push(links.to_string());
        }
        links += 1;
        out.push_str(&format!("  {} {arrow} {}\n", a.id, b.id));
    }
    // Keep a business goal that no goal supports in the business goals' column.
    if let Some((_, first_goal)) = g.of_kind(NodeKind::Goal).next() {
        for (i, n) in g.of_kind(NodeKind::BusinessGoal) {
            if !g
                .edges
                .iter()
                .any(|e| e.to == i && e.kind == EdgeKind::Supports)
            {
                out.push_str(&format!("  {} ~~~ {}\n", first_goal.id, n.id));
            }
        }
    }
    out.push_str("  classDef mission fill:#fff8e1,stroke:#b08900,color:#222\n");
    out.push_str("  classDef business fill:#e3f2fd,stroke:#1565c0,color:#222\n");
    out.push_str("  classDef goal fill:#e8f5e9,stroke:#2e7d32,color:#222\n");
    out.push_str("  classDef kpi fill:#f3e5f5,stroke:#6a1b9a,color:#222\n");
    out.push_str("  classDef tactic fill:#fff3e0,stroke:#e65100,color:#222\n");
    out.push_str(
        "  classDef missing fill:#ffebee,stroke:#d32f2f,stroke-width:2px,stroke-dasharray:5 5,color:#b71c1c\n",
    );
    for n in g
        .nodes
        .iter()
        .filter(|n| n.is_marked() && n.kind != NodeKind::Missing)
    {
        out.push_str(&format!(
            "  style {} stroke:#d32f2f,stroke-width:3px,stroke-dasharray:5 5\n",
            n.id
        ));
    }
    if !broken.is_empty() {
        out.push_str(&format!(
            "  linkStyle {} stroke:#d32f2f,stroke-width:2px,color:#d32f2f\n",
            broken.join(",")
        ));
    }
    out
}

/// Escapes text for a double-quoted DOT string.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A Graphviz digraph (`dot -Tsvg`).
pub fn dot(g: &Graph) -> String {
    let mut out = String::from("digraph plan {\n");
    out.push_str(&format!("  label=\"{}\";\n", dot_escape(&g.title)));
    out.push_str(
        "  labelloc=t;\n  fontname=\"Helvetica\";\n  rankdir=LR;\n  nodesep=0.3;\n  ranksep=0.8;\n",
    );
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, color=\"#555555\"];\n",
    );
    out.push_str("  edge [color=\"#555555\", fontname=\"Helvetica\", fontsize=9];\n");
    for n in &g.nodes {
        // `\l` ends a left-justified line; the escapes above never produce one by accident.
        let label: String = node_lines(n, LABEL_WIDTH)
            .into_iter()
            .map(|(l, _)| format!("{}\\l", dot_escape(&l)))
            .collect();
        let (fill, stroke) = svg::fill(n.kind);
        let marked = if n.is_marked() {
            ", color=\"#d32f2f\", penwidth=2, style=\"rounded,filled,dashed\"".to_string()
        } else {
            format!(", color=\"{stroke}\"")
        };
        out.push_str(&format!(
            "  {} [label=\"{label}\", fillcolor=\"{fill}\"{marked}];\n",
            n.id
        ));
    }
    for e in &g.edges {
        let (Some(a), Some(b)) = (g.nodes.get(e.from), g.nodes.get(e.to)) else {
            continue;
        };
        let attrs = match (e.kind, e.broken) {
            (EdgeKind::Mission, _) => " [style=dotted, arrowhead=none]",
            (_, true) => {
                " [color=\"#d32f2f\", fontcolor=\"#d32f2f\", style=dashed, penwidth=2, label=\"missing\"]"
            }
            (EdgeKind::Measures, false) => " [style=dashed, label=\"measures\", fontsize=9]",
            _ => "",
        };
        out.push_str(&format!("  {} -> {}{attrs};\n", a.id, b.id));
    }
    // The why (business goals, mission) in the last column, even when nothing links to it.
    let why: Vec<&str> = g
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            matches!(n.kind, NodeKind::BusinessGoal | NodeKind::Mission)
                || (n.kind == NodeKind::Missing
                    && g.edges
                        .iter()
                        .any(|e| e.to == *i && e.kind == EdgeKind::Supports))
        })
        .map(|(_, n)| n.id.as_str())
        .collect();
    if !why.is_empty() {
        out.push_str(&format!("  {{ rank=max; {}; }}\n", why.join("; ")));
    }
    let how: Vec<&str> = g
        .of_kind(NodeKind::Tactic)
        .map(|(_, n)| n.id.as_str())
        .collect();
    if !how.is_empty() {
        out.push_str(&format!("  {{ rank=min; {}; }}\n", how.join("; ")));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_long_words() {
        assert_eq!(wrap("aaa bbb ccc", 8), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap("abcdefghijk", 8), vec!["abcdefgh", "ijk"]);
        assert_eq!(wrap("", 8), vec![""]);
        assert_eq!(wrap("ab abcdefghijkl", 8), vec!["ab", "abcdefgh", "ijkl"]);
    }

    #[test]
    fn mermaid_escape_leaves_no_syntax() {
        let e = mermaid_escape("a \"b\" [c] #1 <x> `y` | z\nw");
        for bad in ['"', '[', ']', '<', '>', '`', '|', '\n'] {
            assert!(!e.contains(bad), "{e}");
        }
        assert!(e.contains("#quot;"));
        assert_eq!(mermaid_escape("a\u{202e}b\u{2066}"), "a#8238;b#8294;");
    }

    #[test]
    fn dot_escape_quotes_and_backslashes() {
        assert_eq!(dot_escape("a\"b\\n"), "a\\\"b\\\\n");
    }
}
