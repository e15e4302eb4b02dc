//! Three-valued steps for the route functions. A route is named only when the facts settle it: the
//! first step that holds wins, but if an earlier step was open (it might have held), the outcome is
//! undetermined and names the open facts instead of guessing.

/// A step's condition: `Some(true)` holds, `Some(false)` does not, `None` is open.
pub(crate) type Tri = Option<bool>;

pub(crate) fn and(values: &[Tri]) -> Tri {
    if values.contains(&Some(false)) {
        Some(false)
    } else if values.contains(&None) {
        None
    } else {
        Some(true)
    }
}

pub(crate) fn or(values: &[Tri]) -> Tri {
    if values.contains(&Some(true)) {
        Some(true)
    } else if values.contains(&None) {
        None
    } else {
        Some(false)
    }
}

pub(crate) fn not(value: Tri) -> Tri {
    value.map(|v| !v)
}

/// The open facts met on the way.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub(crate) missing: Vec<&'static str>,
}

impl Walk {
    /// Whether the step holds. An open step records the facts it needed that are open
    /// (`(question id, is it open)`) and does not hold.
    pub(crate) fn holds(&mut self, condition: Tri, inputs: &[(&'static str, bool)]) -> bool {
        match condition {
            Some(held) => held,
            None => {
                for (id, open) in inputs {
                    if *open && !self.missing.contains(id) {
                        self.missing.push(id);
                    }
                }
                false
            }
        }
    }

    /// The route if nothing before it was open, else the open facts.
    pub(crate) fn settle<R>(
        self,
        route: R,
        undetermined: impl FnOnce(Vec<&'static str>) -> R,
    ) -> R {
        if self.missing.is_empty() {
            route
        } else {
            undetermined(self.missing)
        }
    }
}
