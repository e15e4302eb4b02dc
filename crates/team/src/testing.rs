//! What the team-database tests share: a database of their own in the private cluster, owned by
//! a DBA role that may create roles but is no superuser (as at a firm), and sessions as any
//! role through the crate's own `connect`. Also for other crates' tests (feature `test-cluster`):
//! core's store suite runs on it.

use std::sync::Arc;

use postgres::Client;
use zeroize::Zeroizing;

use crate::cluster::Cluster;
use crate::{Env, connect, schema};

/// Every test role's password (the roles live only as long as the private cluster).
pub const PASSWORD: &str = "test pw";

/// One test's database.
#[derive(Debug)]
pub struct Team {
    pub cluster: Arc<Cluster>,
    pub dbname: String,
}

impl Team {
    /// A new empty database `dbname` owned by `<dbname>_dba` (LOGIN CREATEROLE, no superuser).
    pub fn empty(dbname: &str) -> Team {
        let cluster = Cluster::shared();
        let mut admin = cluster.admin();
        admin
            .batch_execute(&format!(
                "SET password_encryption = 'scram-sha-256';
                 CREATE ROLE \"{dbname}_dba\" LOGIN CREATEROLE PASSWORD '{PASSWORD}';"
            ))
            .expect("the DBA role");
        // Alone: CREATE DATABASE refuses to run in the implicit transaction of a batch.
        admin
            .batch_execute(&format!(
                "CREATE DATABASE \"{dbname}\" OWNER \"{dbname}_dba\""
            ))
            .expect("the database");
        Team {
            cluster,
            dbname: dbname.to_owned(),
        }
    }

    /// A database with DPO Desk set up by its DBA.
    pub fn initialised(dbname: &str) -> Team {
        let team = Team::empty(dbname);
        schema::init(&mut team.dba()).expect("team init");
        team
    }

    pub fn dba_name(&self) -> String {
        format!("{}_dba", self.dbname)
    }

    /// A session as the DBA.
    pub fn dba(&self) -> Client {
        self.session(&self.dba_name())
    }

    /// A session as `role` (password [`PASSWORD`]), with `dpodesk` first on the search path so
    /// that direct SQL names the tables as the vault does.
    pub fn session(&self, role: &str) -> Client {
        self.try_session(role).expect("the role connects")
    }

    pub fn try_session(&self, role: &str) -> crate::Result<Client> {
        let env = Env {
            password: Some(Zeroizing::new(PASSWORD.to_owned())),
            ..Env::default()
        };
        let mut client = connect(
            &self.cluster.socket_conninfo(role, &self.dbname),
            &env,
            &mut |_| None,
        )?;
        client
            .batch_execute("SET search_path = dpodesk, public")
            .expect("search_path");
        Ok(client)
    }

    /// Adds the member `<dbname>_<short>` (password [`PASSWORD`]) as the DBA; returns his name.
    pub fn member(&self, short: &str, roles: &[crate::members::Role]) -> String {
        let name = format!("{}_{short}", self.dbname);
        crate::members::add(&mut self.dba(), &name, roles, PASSWORD, short).expect("member add");
        name
    }

    /// A superuser session in this database, to look behind the scenes (never to act as a member).
    pub fn superuser(&self) -> Client {
        let env = Env {
            password: Some(Zeroizing::new(self.cluster.superuser_password().to_owned())),
            ..Env::default()
        };
        connect(
            &self
                .cluster
                .socket_conninfo(crate::cluster::SUPERUSER, &self.dbname),
            &env,
            &mut |_| None,
        )
        .expect("superuser")
    }
}
