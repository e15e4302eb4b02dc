//! What a member does about himself on the session the store holds: his display name, the name
//! printed on what he signs (`team member display-name`'s database function, which decides who
//! may change whose).

impl super::TeamStore {
    /// Sets the name printed on what `member` (`None`: the session's own member) signs, through
    /// this session: his own for any member, another's for an admin (the database checks which,
    /// and the name's length), then says who the session is now.
    pub fn set_display_name(
        &mut self,
        member: Option<&str>,
        display: &str,
    ) -> crate::Result<dpodesk_team::members::Me> {
        let session = self.session.get_mut();
        let member = match member {
            Some(member) => member.to_owned(),
            None => dpodesk_team::members::me(session)?.name,
        };
        dpodesk_team::members::set_display_name(session, &member, display)?;
        Ok(dpodesk_team::members::me(session)?)
    }
}
