//! `min` ≤ `max` for every merge of `[limits]` and `[[overrides]]` a file can get.

use crate::error::ConfigError;
use crate::rules::options::Limits;
use toml::Spanned;

use super::file::{LimitsFile, MinMax};
use super::validate::Loader;

/// One layer of limits for [`Loader::check_bounds`]: a table and how messages name it.
#[derive(Clone)]
pub(super) struct Layer<'a> {
    pub(super) file: &'a LimitsFile,
    pub(super) what: String,
    pub(super) is_override: bool,
}

/// A count bound as layers leave it: its value and, unless it is the default, the layer that
/// set it last and the span of that value.
struct BoundAt {
    value: usize,
    set: Option<(usize, std::ops::Range<usize>)>,
}

impl Loader<'_> {
    /// Checks that `min` ≤ `max` for the count limits once `layers` are merged in order over the
    /// defaults. The error points at the bound set last, the one that broke the pair.
    pub(super) fn check_bounds(&self, layers: &[Layer<'_>]) -> Result<(), ConfigError> {
        type Get = fn(&LimitsFile) -> Option<&Spanned<MinMax>>;
        let d = Limits::default();
        let pairs: [(&str, Get, usize, usize); 2] = [
            (
                "kpis_per_goal",
                |f| f.kpis_per_goal.as_ref(),
                d.kpis_min,
                d.kpis_max,
            ),
            (
                "metrics_per_tactic",
                |f| f.metrics_per_tactic.as_ref(),
                d.metrics_min,
                d.metrics_max,
            ),
        ];
        for (key, get, default_min, default_max) in pairs {
            let mut min = BoundAt {
                value: default_min,
                set: None,
            };
            let mut max = BoundAt {
                value: default_max,
                set: None,
            };
            for (li, layer) in layers.iter().enumerate() {
                let Some(mm) = get(layer.file) else { continue };
                if let Some(v) = &mm.get_ref().min {
                    min = BoundAt {
                        value: *v.get_ref(),
                        set: Some((li, v.span())),
                    };
                }
                if let Some(v) = &mm.get_ref().max {
                    max = BoundAt {
                        value: *v.get_ref(),
                        set: Some((li, v.span())),
                    };
                }
            }
            if min.value <= max.value {
                continue;
            }
            let layer_of = |b: &BoundAt| b.set.as_ref().map(|(l, _)| *l);
            // The bound set last is the one to change (the later layer wins the merge).
            let min_is_later = layer_of(&min) >= layer_of(&max);
            let (later, earlier) = if min_is_later {
                (&min, &max)
            } else {
                (&max, &min)
            };
            let Some((later_layer, span)) = later.set.clone() else {
                continue; // both defaults: cannot happen, the defaults are consistent
            };
            let from = match layer_of(earlier) {
                None => "(the default)".to_string(),
                Some(l) if l == later_layer => "(in the same table)".to_string(),
                Some(l) => match layers.get(l) {
                    Some(layer) if layer.is_override => {
                        format!("(from {}, for a file both entries match)", layer.what)
                    }
                    Some(layer) => format!("(from {})", layer.what),
                    None => String::new(),
                },
            };
            let both_overrides = layer_of(earlier).is_some_and(|l| {
                l != later_layer
                    && layers.get(l).is_some_and(|e| e.is_override)
                    && layers.get(later_layer).is_some_and(|e| e.is_override)
            });
            let (m, big_m) = (min.value, max.value);
            let (message, label) = if min_is_later {
                (
                    format!("`{key}.min` = {m} is more than `{key}.max` = {big_m} {from}"),
                    format!("more than the maximum of {big_m}"),
                )
            } else {
                (
                    format!("`{key}.max` = {big_m} is less than `{key}.min` = {m} {from}"),
                    format!("less than the minimum of {m}"),
                )
            };
            let later_value = later.value;
            let help = if both_overrides {
                format!(
                    "give this entry both bounds, e.g. `{key} = {{ min = {later_value}, max = \
                     {later_value} }}`, so a file matched by both entries never mixes them"
                )
            } else if min_is_later {
                format!(
                    "raise `max` as well, e.g. `{key} = {{ min = {m}, max = {m} }}`, or make \
                     `min` at most {big_m}"
                )
            } else {
                format!(
                    "lower `min` as well, e.g. `{key} = {{ min = {big_m}, max = {big_m} }}`, or \
                     make `max` at least {m}"
                )
            };
            return Err(self.error(span, message, &label, Some(help)));
        }
        Ok(())
    }
}
