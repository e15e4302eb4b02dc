//! Channels and platforms as the data-source template defines them: the register's form offers
//! the template's own choices with their labels (never a list of codes kept in a door), and a new
//! data-source assessment starts with what the register already knows about the channel.

use super::*;

use crate::template::Role;

/// The channel types and platforms a data source is described with, from the data-source
/// template of the library.
#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct ChannelCatalogue {
    pub channels: Vec<ChoiceView>,
    pub platforms: Vec<ChoiceView>,
}

impl ChannelCatalogue {
    /// The catalogue of the library's data-source template (empty when the library has none).
    pub fn of(templates: &[Template]) -> ChannelCatalogue {
        let Some(template) = templates.iter().find(|t| t.kind == tpl::Kind::DataSource) else {
            return ChannelCatalogue::default();
        };
        // The template marks the two questions by role (`role = "channel"` / `"platforms"`).
        let choices = |role: Role| -> Vec<ChoiceView> {
            template
                .by_role(role)
                .and_then(|id| template.question(id))
                .map(|q| q.choices.iter().map(Into::into).collect())
                .unwrap_or_default()
        };
        ChannelCatalogue {
            channels: choices(Role::Channel),
            platforms: choices(Role::Platforms),
        }
    }

    /// The channel's label, or the stored text itself when it is no code of the catalogue (a
    /// register entry typed before the catalogue was offered).
    pub fn channel_label(&self, code: &str) -> Bilingual {
        label_of(&self.channels, code)
    }

    /// The platforms' labels, each as [`Self::channel_label`] treats a channel.
    pub fn platform_labels(&self, platforms: &str) -> Vec<Bilingual> {
        platform_codes(platforms)
            .map(|code| label_of(&self.platforms, code))
            .collect()
    }
}

fn label_of(choices: &[ChoiceView], code: &str) -> Bilingual {
    choices
        .iter()
        .find(|c| c.value == code)
        .map(|c| c.label.clone())
        .unwrap_or_else(|| Bilingual {
            zh: code.to_owned(),
            en: code.to_owned(),
        })
}

/// A data source's `platform` field holds the platforms' codes separated by commas.
pub fn platform_codes(platforms: &str) -> impl Iterator<Item = &str> {
    platforms
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// The channel catalogue of the library the vault uses.
pub fn channel_catalogue<R: Read>(store: &R, law: &LawRegister) -> crate::Result<ChannelCatalogue> {
    Ok(ChannelCatalogue::of(load_library(store, law)?.templates()))
}

/// The answers a new data-source assessment starts with: the channel and the platforms the
/// register entry names, where they are codes of the template's questions (anything else is
/// left for the user to answer).
pub fn prefilled_from_source(template: &Template, source: &vault::DataSource) -> Answers {
    let catalogue = ChannelCatalogue::of(std::slice::from_ref(template));
    let mut answers = Answers::new();
    let (Some(channel_q), Some(platforms_q)) = (
        template.by_role(Role::Channel),
        template.by_role(Role::Platforms),
    ) else {
        return answers;
    };
    if catalogue.channels.iter().any(|c| c.value == source.channel) {
        answers.insert(
            channel_q.to_owned(),
            assessment::Answer::Text(source.channel.clone()),
        );
    }
    let platforms: Vec<String> = platform_codes(&source.platform)
        .filter(|p| catalogue.platforms.iter().any(|c| c.value == *p))
        .map(str::to_owned)
        .collect();
    if !platforms.is_empty() {
        answers.insert(platforms_q.to_owned(), assessment::Answer::List(platforms));
    }
    answers
}
