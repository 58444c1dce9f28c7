//! A self-made SVG of the graph, for the HTML report (no script, no network).
//!
//! Three columns, left to right: tactics (how), goals with their KPIs inside (what), business
//! goals (why); the mission is a banner above them. Every edge joins neighbouring columns.

use super::{EdgeKind, Graph, LineStyle, Node, NodeKind, node_lines};

const MARGIN: f64 = 20.0;
const GAP: f64 = 110.0;
const WIDTHS: [f64; 3] = [270.0, 340.0, 270.0];
const LINE: f64 = 17.0;
const PAD: f64 = 8.0;
const V_GAP: f64 = 18.0;
/// A generous average glyph width at 13px, so text stays inside its box.
const CHAR: f64 = 7.6;

fn chars_for(width: f64) -> usize {
    ((width - 2.0 * PAD) / CHAR).floor().max(8.0) as usize
}

/// Escapes text for HTML and SVG; control characters become spaces.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Fill and stroke colours of a node kind, shared by the SVG and DOT renderers.
pub(crate) fn fill(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Mission => ("#fff8e1", "#b08900"),
        NodeKind::BusinessGoal => ("#e3f2fd", "#1565c0"),
        NodeKind::Goal => ("#e8f5e9", "#2e7d32"),
        NodeKind::Kpi => ("#f3e5f5", "#6a1b9a"),
        NodeKind::Tactic => ("#fff3e0", "#e65100"),
        NodeKind::Missing => ("#ffebee", "#d32f2f"),
    }
}

/// Lines of a box, each with its style.
type Lines = Vec<(String, LineStyle)>;

/// A KPI box inside a goal: node, y offset in the goal's box, height, lines.
type Inner = (usize, f64, f64, Lines);

/// A box placed on the canvas.
struct Placed {
    node: usize,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    lines: Lines,
    /// KPI boxes inside a goal: (node, y offset, height, lines).
    inner: Vec<Inner>,
}

impl Placed {
    /// A box with nothing inside for `node` at `x`, `*y`, `w` wide; `*y` moves below it.
    fn stacked(node: usize, n: &Node, x: f64, y: &mut f64, w: f64) -> Self {
        let lines = node_lines(n, chars_for(w));
        let h = LINE * lines.len() as f64 + 2.0 * PAD;
        let placed = Placed {
            node,
            x,
            y: *y,
            w,
            h,
            lines,
            inner: Vec::new(),
        };
        *y += h + V_GAP;
        placed
    }
}

fn text_block(out: &mut String, x: f64, y: f64, lines: &[(String, LineStyle)]) {
    for (i, (l, style)) in lines.iter().enumerate() {
        let class = match style {
            LineStyle::Title => "t",
            LineStyle::Text => "x",
            LineStyle::Problem => "p",
        };
        out.push_str(&format!(
            "<text class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\">{}</text>\n",
            y + PAD + LINE * (i as f64 + 0.8),
            esc(l)
        ));
    }
}

fn rect(out: &mut String, x: f64, y: f64, w: f64, h: f64, node: &Node) {
    let (f, s) = fill(node.kind);
    let (stroke, extra) = if node.is_marked() {
        ("#d32f2f", " stroke-width=\"2.5\" stroke-dasharray=\"6 4\"")
    } else {
        (s, " stroke-width=\"1.2\"")
    };
    out.push_str(&format!(
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"6\" fill=\"{f}\" stroke=\"{stroke}\"{extra}/>\n"
    ));
}

/// Renders the graph as a standalone `<svg>` element.
pub fn svg(g: &Graph) -> String {
    let xs = [
        MARGIN,
        MARGIN + WIDTHS[0] + GAP,
        MARGIN + WIDTHS[0] + GAP + WIDTHS[1] + GAP,
    ];
    let width = xs[2] + WIDTHS[2] + MARGIN;

    // Mission banner.
    let mission: Vec<(String, LineStyle)> = g
        .of_kind(NodeKind::Mission)
        .flat_map(|(_, n)| node_lines(n, chars_for(width - 2.0 * MARGIN)))
        .collect();
    let banner_h = LINE * mission.len() as f64 + 2.0 * PAD;
    let heads_y = MARGIN + banner_h + 24.0;
    let top = heads_y + 14.0;

    // Goals column: goals with their KPI boxes, then missing goals.
    let mut placed: Vec<Placed> = Vec::new();
    let mut col_y = [top; 3];
    let goal_like: Vec<usize> = g
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            n.kind == NodeKind::Goal
                || (n.kind == NodeKind::Missing
                    && g.edges
                        .iter()
                        .any(|e| e.to == *i && e.kind == EdgeKind::Serves))
        })
        .map(|(i, _)| i)
        .collect();
    for &i in &goal_like {
        let n = &g.nodes[i];
        let w = WIDTHS[1];
        let lines = node_lines(n, chars_for(w));
        let mut h = LINE * lines.len() as f64 + 2.0 * PAD;
        let mut inner = Vec::new();
        for e in g
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Measures && e.to == i)
        {
            if let Some(k) = g.nodes.get(e.from) {
                let kl = node_lines(k, chars_for(w - 2.0 * PAD));
                let kh = LINE * kl.len() as f64 + 2.0 * PAD;
                inner.push((e.from, h, kh, kl));
                h += kh + PAD;
            }
        }
        placed.push(Placed {
            node: i,
            x: xs[1],
            y: col_y[1],
            w,
            h,
            lines,
            inner,
        });
        col_y[1] += h + V_GAP;
    }

    // Business goals column: letters in file order, then missing letters.
    for (i, n) in g.nodes.iter().enumerate() {
        let is_letter = n.kind == NodeKind::BusinessGoal
            || (n.kind == NodeKind::Missing
                && g.edges
                    .iter()
                    .any(|e| e.to == i && e.kind == EdgeKind::Supports));
        if !is_letter {
            continue;
        }
        placed.push(Placed::stacked(i, n, xs[2], &mut col_y[2], WIDTHS[2]));
    }

    // Tactics column, ordered by the height of the goals they serve (fewer crossings).
    let centre = |node: usize, placed: &[Placed]| {
        placed
            .iter()
            .find(|p| p.node == node)
            .map(|p| p.y + p.h / 2.0)
    };
    let mut tactics: Vec<(f64, usize)> = g
        .of_kind(NodeKind::Tactic)
        .map(|(i, _)| {
            let ys: Vec<f64> = g
                .edges
                .iter()
                .filter(|e| e.from == i)
                .filter_map(|e| centre(e.to, &placed))
                .collect();
            let key = if ys.is_empty() {
                f64::MAX
            } else {
                ys.iter().sum::<f64>() / ys.len() as f64
            };
            (key, i)
        })
        .collect();
    tactics.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (_, i) in tactics {
        placed.push(Placed::stacked(
            i,
            &g.nodes[i],
            xs[0],
            &mut col_y[0],
            WIDTHS[0],
        ));
    }

    let height = col_y.iter().copied().fold(top, f64::max) + MARGIN;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"{}\" style=\"max-width:100%;height:auto\">\n",
        esc(&format!("Diagram of {}", g.title))
    );
    out.push_str(
        "<style>text{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:13px;fill:#222}\
         .t{font-weight:600}.p{fill:#b71c1c;font-style:italic}.h{font-size:12px;fill:#555;font-weight:600;letter-spacing:.04em}</style>\n",
    );
    out.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#555\"/></marker>\
        <marker id=\"arrow-bad\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#d32f2f\"/></marker></defs>\n");

    // Banner.
    if let Some((_, m)) = g.of_kind(NodeKind::Mission).next() {
        rect(&mut out, MARGIN, MARGIN, width - 2.0 * MARGIN, banner_h, m);
        text_block(&mut out, MARGIN + PAD, MARGIN, &mission);
    }
    for (x, head) in xs.iter().zip([
        "TACTICS (HOW)",
        "GOALS AND THEIR KPIs (WHAT)",
        "BUSINESS GOALS (WHY)",
    ]) {
        out.push_str(&format!(
            "<text class=\"h\" x=\"{x:.1}\" y=\"{heads_y:.1}\">{head}</text>\n"
        ));
    }

    // Edges first, under the boxes.
    for e in &g.edges {
        if matches!(e.kind, EdgeKind::Measures | EdgeKind::Mission) {
            continue;
        }
        let (Some(a), Some(b)) = (
            placed.iter().find(|p| p.node == e.from),
            placed.iter().find(|p| p.node == e.to),
        ) else {
            continue;
        };
        let (x1, y1) = (a.x + a.w, a.y + a.h / 2.0);
        let (x2, y2) = (b.x, b.y + b.h / 2.0);
        let mid = (x1 + x2) / 2.0;
        let style = if e.broken {
            "stroke=\"#d32f2f\" stroke-width=\"2\" stroke-dasharray=\"6 4\" marker-end=\"url(#arrow-bad)\""
        } else {
            "stroke=\"#555\" stroke-width=\"1.4\" marker-end=\"url(#arrow)\""
        };
        out.push_str(&format!(
            "<path d=\"M{x1:.1},{y1:.1} C{mid:.1},{y1:.1} {mid:.1},{y2:.1} {x2:.1},{y2:.1}\" fill=\"none\" {style}/>\n"
        ));
    }

    for p in &placed {
        let Some(n) = g.nodes.get(p.node) else {
            continue;
        };
        rect(&mut out, p.x, p.y, p.w, p.h, n);
        text_block(&mut out, p.x + PAD, p.y, &p.lines);
        for (k, dy, kh, kl) in &p.inner {
            if let Some(kn) = g.nodes.get(*k) {
                rect(&mut out, p.x + PAD, p.y + dy, p.w - 2.0 * PAD, *kh, kn);
                text_block(&mut out, p.x + 2.0 * PAD, p.y + dy, kl);
            }
        }
    }
    out.push_str("</svg>\n");
    out
}
