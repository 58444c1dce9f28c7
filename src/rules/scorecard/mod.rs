//! BS: the balanced scorecard.
