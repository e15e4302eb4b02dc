//! Wire types of group questions (repeatable tables such as the PIA risk register): the columns the
//! UI draws a cell for, and the catalogue of starting rows it offers. What a row must contain is
//! checked by core when the group is saved (`save_answer`); the UI only draws these.

use super::*;

/// One column of a group question: what its cells hold, and so which input the UI draws.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ColumnView {
    pub id: String,
    pub kind: QuestionKind,
    pub label: Bilingual,
    /// Every row must fill it before core accepts the group.
    pub required: bool,
    /// For `ynp` columns: the values offered.
    pub options: Vec<String>,
    pub choices: Vec<ChoiceView>,
}

impl From<&tpl::Column> for ColumnView {
    fn from(c: &tpl::Column) -> ColumnView {
        ColumnView {
            id: c.id.clone(),
            kind: c.kind.into(),
            label: (&c.label).into(),
            required: c.required,
            options: if c.kind == tpl::QuestionType::Ynp {
                c.allowed_values().into_iter().map(str::to_owned).collect()
            } else {
                Vec::new()
            },
            choices: c.choices.iter().map(Into::into).collect(),
        }
    }
}

/// A starting row a group offers (the PIA risk catalogue), worded in each language: the UI adds
/// the row of the language it speaks, and the user adapts it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CatalogueEntryView {
    /// What the picker shows: the row's `title` (or its first text cell).
    pub label: Bilingual,
    pub zh: BTreeMap<String, CellValue>,
    pub en: BTreeMap<String, CellValue>,
}

impl CatalogueEntryView {
    /// A template's catalogue row (`{ title = Text, category = "value", measures = Text }`): text
    /// cells come in both languages, other cells are the same in both.
    pub fn new(entry: &toml::Table) -> CatalogueEntryView {
        let mut zh = BTreeMap::new();
        let mut en = BTreeMap::new();
        let mut label = None;
        for (column, value) in entry {
            let (cell_zh, cell_en) = match catalogue_cell(value) {
                Some(cells) => cells,
                None => continue,
            };
            if let (CellValue::Text(z), CellValue::Text(e)) = (&cell_zh, &cell_en)
                && (label.is_none() || column == "title")
            {
                label = Some(Bilingual {
                    zh: z.clone(),
                    en: e.clone(),
                });
            }
            zh.insert(column.clone(), cell_zh);
            en.insert(column.clone(), cell_en);
        }
        CatalogueEntryView {
            label: label.unwrap_or_else(|| Bilingual {
                zh: String::new(),
                en: String::new(),
            }),
            zh,
            en,
        }
    }
}

/// One catalogue cell as (Chinese, English); `None` for a shape no column holds.
fn catalogue_cell(value: &toml::Value) -> Option<(CellValue, CellValue)> {
    let same = |cell: CellValue| Some((cell.clone(), cell));
    match value {
        toml::Value::Table(_) => {
            let text: Text = value.clone().try_into().ok()?;
            Some((CellValue::Text(text.zh), CellValue::Text(text.en)))
        }
        toml::Value::String(s) => same(CellValue::Text(s.clone())),
        toml::Value::Integer(i) => same(CellValue::Number(*i as f64)),
        toml::Value::Float(f) => same(CellValue::Number(*f)),
        toml::Value::Array(items) => same(CellValue::List(
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogue_row_is_worded_in_each_language_and_labelled_by_its_title() {
        let entry: toml::Table = toml::from_str(
            r#"
title = { zh = "名单泄露", en = "List leaked" }
category = "illegitimate_access"
measures = { zh = "加密", en = "Encryption" }
"#,
        )
        .expect("entry");
        let view = CatalogueEntryView::new(&entry);
        assert_eq!(view.label.zh, "名单泄露");
        assert_eq!(view.label.en, "List leaked");
        assert_eq!(
            view.en.get("measures"),
            Some(&CellValue::Text("Encryption".into()))
        );
        assert_eq!(
            view.zh.get("measures"),
            Some(&CellValue::Text("加密".into()))
        );
        assert_eq!(
            view.zh.get("category"),
            Some(&CellValue::Text("illegitimate_access".into()))
        );
    }
}
