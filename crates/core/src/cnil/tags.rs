//! The template side of the mapping: a text question tagged `cnil = "1.1.1"` in its template
//! (`assets/templates/pia.toml`) is the DPO Desk home of that CNIL question's answer, both ways.
//! The tags live with the questions so a template author moves them, not the code.

use super::architecture::{self as arch, Kind};
use crate::template::{QuestionType, Template};

/// The CNIL question id a tag names ("1.1.1" → 111), if it is a text question of the tool.
pub fn parse_tag(tag: &str) -> Option<u32> {
    let digits: String = tag.split('.').collect();
    let id: u32 = digits.parse().ok()?;
    arch::question(id)
        .filter(|q| q.kind == Kind::Text && q.number() == tag)
        .map(|q| q.id)
}

/// The CNIL question `question` of `template` is tagged with.
pub fn cnil_question(template: &Template, question: &str) -> Option<u32> {
    template
        .question(question)
        .and_then(|q| q.cnil.as_deref())
        .and_then(parse_tag)
}

/// Every tagged text question of `template`: (CNIL question id, DPO Desk question id).
pub fn tagged(template: &Template) -> Vec<(u32, &str)> {
    template
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .filter(|q| q.kind == QuestionType::Text)
        .filter_map(|q| Some((parse_tag(q.cnil.as_deref()?)?, q.id.as_str())))
        .collect()
}

/// The DPO Desk question tagged with CNIL question `id`.
pub fn home_of(template: &Template, id: u32) -> Option<&str> {
    tagged(template)
        .into_iter()
        .find(|(cnil, _)| *cnil == id)
        .map(|(_, ours)| ours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::LawRegister;

    #[test]
    fn the_bundled_pia_template_tags_name_cnil_text_questions() {
        let law = LawRegister::bundled().expect("law");
        let templates = crate::template::bundled(&law).expect("templates");
        let pia = templates.iter().find(|t| t.id == "pia").expect("pia");
        let tags: Vec<Option<&str>> = pia
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .map(|q| q.cnil.as_deref())
            .collect();
        // Every tag names a CNIL text question, on a text question of ours.
        assert_eq!(tagged(pia).len(), tags.iter().flatten().count());
        assert_eq!(home_of(pia, 111), Some("pia04_context"));
        assert_eq!(home_of(pia, 122), Some("pia04_lifecycle"));
        assert_eq!(parse_tag("1.1.1"), Some(111));
        assert_eq!(parse_tag("111"), None);
        assert_eq!(parse_tag("3.2.1"), None, "a list question is no text home");
        assert_eq!(parse_tag("1.1.9"), None);
    }

    /// The template validator's copy of the tags (template/ cannot import cnil/) is exactly the
    /// tool's text questions.
    #[test]
    fn the_validators_tag_list_is_the_architectures_text_questions() {
        let text: Vec<String> = arch::QUESTIONS
            .iter()
            .filter(|q| q.kind == Kind::Text)
            .map(|q| q.number())
            .collect();
        assert_eq!(text, crate::template::CNIL_TEXT_QUESTIONS);
    }
}
