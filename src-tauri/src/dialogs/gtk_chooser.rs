//! GTK's file chooser, built here on Tauri's GTK thread instead of through the dialog plugin, for
//! the sake of one button. GTK 3's `GtkButton`, when activated rather than clicked (Return in the
//! name field, or the chooser accepting a typed name by activating the dialog's default button),
//! shows itself pressed and clicks only when the key is released to it or 250 ms later
//! (`ACTIVATE_TIMEOUT`, gtkbutton.c). A save activates it twice — on Return, then again once the
//! chooser has checked the name, the folder and whether to ask before overwriting — so every save
//! waited ~505 ms between Return and the chooser's answer (measured: docs/benchmarks.md, "The
//! chooser's half second, and the web process"); a mouse click on Save waits the second. The plugin's
//! `GtkFileChooserNative` makes the same `GtkFileChooserDialog` outside a sandbox but keeps its
//! buttons to itself; here the accept button is a `GtkButton` whose activation is its click.
//! Everything else is GTK's own chooser: places, typing a path, overwrite confirmation, filters.
//!
//! The workspace denies unsafe code; this module allows it for two things the GTK bindings leave
//! unsafe or generate as such: registering the button's subclass (`glib::object_subclass`) and
//! destroying the dialog once it has answered.
#![allow(unsafe_code)]

use std::path::PathBuf;
use std::sync::mpsc;

use gtk::glib;
use gtk::prelude::*;
use tauri::{AppHandle, Manager};

use super::{Ask, Kind};

/// Shows the chooser on the main thread and waits for its answer: the chosen path, or `None` when
/// it is cancelled or closed, or the app is closing. Never call this on the main thread (it would
/// wait for itself); the commands call it from a blocking worker.
pub fn choose(app: &AppHandle, ask: &Ask<'_>) -> Option<PathBuf> {
    let (answer, answered) = mpsc::channel();
    let owned = Owned::from(ask);
    let handle = app.clone();
    app.run_on_main_thread(move || {
        let parent = handle
            .get_webview_window("main")
            .and_then(|w| w.gtk_window().ok());
        show(&owned, parent.as_ref(), answer);
    })
    .ok()?;
    answered.recv().ok().flatten()
}

/// What the main thread needs of an [`Ask`], owned so it can cross to it.
struct Owned {
    kind: Kind,
    title: String,
    accept: &'static str,
    cancel: &'static str,
    suggested: Option<String>,
    filter: Option<(String, Vec<String>)>,
}

impl From<&Ask<'_>> for Owned {
    fn from(ask: &Ask<'_>) -> Self {
        let accept = match ask.kind {
            Kind::Save => ask.lang.pick("保存(_S)", "_Save"),
            Kind::Open => ask.lang.pick("打开(_O)", "_Open"),
            Kind::Folder => ask.lang.pick("选择(_S)", "_Select"),
        };
        Self {
            kind: ask.kind,
            title: ask.title.to_owned(),
            accept,
            cancel: ask.lang.pick("取消(_C)", "_Cancel"),
            suggested: ask.suggested.map(str::to_owned),
            filter: ask.filter.map(|(name, extensions)| {
                (
                    name.to_owned(),
                    extensions.iter().map(|e| format!("*.{e}")).collect(),
                )
            }),
        }
    }
}

fn show(
    ask: &Owned,
    parent: Option<&gtk::ApplicationWindow>,
    answer: mpsc::Sender<Option<PathBuf>>,
) {
    let action = match ask.kind {
        Kind::Save => gtk::FileChooserAction::Save,
        Kind::Open => gtk::FileChooserAction::Open,
        Kind::Folder => gtk::FileChooserAction::SelectFolder,
    };
    let dialog = gtk::FileChooserDialog::new(Some(&ask.title), parent, action);
    dialog.add_button(ask.cancel, gtk::ResponseType::Cancel);
    let accept = QuickButton::with_mnemonic(ask.accept);
    accept.set_can_default(true);
    dialog.add_action_widget(&accept, gtk::ResponseType::Accept);
    WidgetExt::show(&accept);
    dialog.set_default_response(gtk::ResponseType::Accept);
    dialog.set_modal(true);
    if ask.kind == Kind::Save {
        dialog.set_do_overwrite_confirmation(true);
        if let Some(name) = &ask.suggested {
            dialog.set_current_name(name);
        }
    }
    if let Some((name, patterns)) = &ask.filter {
        let filter = gtk::FileFilter::new();
        filter.set_name(Some(name));
        for pattern in patterns {
            filter.add_pattern(pattern);
        }
        dialog.add_filter(filter);
    }
    // GTK stops the dialog's "response" itself while the chooser checks a typed name (and asks
    // before overwriting), so this runs once, with the final answer.
    dialog.connect_response(move |dialog, response| {
        let path = if response == gtk::ResponseType::Accept {
            dialog.filename()
        } else {
            None
        };
        // The worker may have stopped waiting (the app closing): nothing to tell then.
        let _ = answer.send(path);
        dialog.hide();
        // Destroyed once the chooser has returned: it answers from inside its own callback and
        // still records the file in the recent list after this handler.
        let dialog = dialog.clone();
        glib::idle_add_local_once(move || {
            // SAFETY: nothing uses the dialog after this; the references still held (this
            // closure's and GTK's signal machinery's) only keep the object, not its widgets.
            unsafe { dialog.destroy() };
        });
    });
    dialog.show();
}

mod imp {
    use gtk::glib;
    use gtk::prelude::*;
    use gtk::subclass::prelude::*;

    #[derive(Debug, Default)]
    pub struct QuickButton;

    #[glib::object_subclass]
    impl ObjectSubclass for QuickButton {
        const NAME: &'static str = "DpoDeskQuickButton";
        type Type = super::QuickButton;
        type ParentType = gtk::Button;
    }

    impl ObjectImpl for QuickButton {}
    impl WidgetImpl for QuickButton {}
    impl ContainerImpl for QuickButton {}
    impl BinImpl for QuickButton {}

    impl ButtonImpl for QuickButton {
        /// Clicked at once, without GtkButton's pressed look held for up to 250 ms.
        fn activate(&self) {
            ButtonExt::clicked(&*self.obj());
        }
    }
}

glib::wrapper! {
    /// A `GtkButton` that clicks as soon as it is activated.
    pub struct QuickButton(ObjectSubclass<imp::QuickButton>)
        @extends gtk::Button, gtk::Bin, gtk::Container, gtk::Widget,
        @implements gtk::Buildable, gtk::Actionable;
}

impl QuickButton {
    fn with_mnemonic(label: &str) -> Self {
        glib::Object::builder()
            .property("label", label)
            .property("use-underline", true)
            .build()
    }
}
