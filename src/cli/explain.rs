//! `smplan explain CODE-OR-NAME`.

use super::{Failure, Global, load_settings};
use smplan::config::ConfigError;

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// A rule code (`KP002`) or name (`too-many-kpis`).
    #[arg(value_name = "CODE-OR-NAME")]
    pub rule: String,
}

/// Doc comments keep one leading space per line; drop it.
pub fn docs_text(docs: &str) -> String {
    docs.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn run(args: &ExplainArgs, global: &Global) -> Result<u8, Failure> {
    let settings = load_settings(global)?;
    let catalog = &settings.catalog;
    let query = args.rule.trim();
    let found = catalog
        .get(query)
        .or_else(|| catalog.get(&query.to_ascii_uppercase()));
    let Some(rule) = found else {
        let suggestions = catalog.suggestions(query);
        let mut e = ConfigError::plain(format!("unknown rule `{query}`"));
        e.help = Some(if suggestions.is_empty() {
            "run `smplan rules` to list every rule".into()
        } else {
            format!(
                "did you mean {}? (`smplan rules` lists every rule)",
                suggestions
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
        return Err(e.into());
    };
    let m = &rule.meta;
    let text = format!(
        "# {} {}\n\nDefault severity: {}. {}\nFix: {}\n\n{}\n",
        m.code,
        m.name,
        m.severity,
        capitalize(&m.summary),
        m.fix.as_str(),
        docs_text(&m.docs).trim_end()
    );
    let mut text = text;
    if m.code == smplan::rules::kpis::kp003_unlinked_kpi::UnlinkedKpi::META.code
        && !smplan::rules::core_goals::is_default(&settings.core_goals)
    {
        text.push_str(&format!(
            "\n## In this project\nThe config's `core_goals` replaces the three: every KPI serves {}.\n",
            smplan::rules::core_goals::allowed(&settings.core_goals)
        ));
    }
    // A pack rule's docs come from the pack: every line is shown sanitised.
    let text: String = text
        .split_inclusive('\n')
        .map(|l| {
            let (body, nl) = l.strip_suffix('\n').map_or((l, ""), |b| (b, "\n"));
            format!("{}{nl}", smplan::sanitize::line(body))
        })
        .collect();
    super::emit(None, &text)?;
    Ok(0)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
