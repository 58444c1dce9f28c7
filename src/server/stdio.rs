//! The protocol's transport over standard input and output: lsp-server's own, except that its
//! threads start through [`std::thread::Builder::spawn`], so a process limit on threads is an
//! error the command reports (exit 2), not a panic.

use crossbeam_channel::bounded;
use lsp_server::{Connection, Message};
use std::io;
use std::thread::{Builder, JoinHandle};

/// The reader and writer threads of a [`connect`]ed connection.
pub struct IoThreads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

/// A connection whose messages a thread reads from standard input and another writes to
/// standard output, or why the threads could not start.
pub fn connect() -> io::Result<(Connection, IoThreads)> {
    let (sender, outgoing) = bounded::<Message>(0);
    let writer = Builder::new()
        .name("smplan-lsp-writer".into())
        .spawn(move || {
            let mut stdout = io::stdout().lock();
            outgoing.into_iter().try_for_each(|m| m.write(&mut stdout))
        })?;
    let (incoming, receiver) = bounded::<Message>(0);
    let reader = match Builder::new()
        .name("smplan-lsp-reader".into())
        .spawn(move || {
            let mut stdin = io::stdin().lock();
            while let Some(msg) = Message::read(&mut stdin)? {
                let is_exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                incoming.send(msg).map_err(io::Error::other)?;
                if is_exit {
                    break;
                }
            }
            Ok(())
        }) {
        Ok(reader) => reader,
        Err(e) => {
            // Without a reader, dropping `sender` ends the writer; wait for it before reporting.
            drop(sender);
            let _ = writer.join();
            return Err(e);
        }
    };
    Ok((
        Connection { sender, receiver },
        IoThreads { reader, writer },
    ))
}

impl IoThreads {
    /// Waits for both threads (the connection must be dropped first, or the writer never ends).
    /// Both are joined whatever the first gives; the reader's error, if any, is reported.
    pub fn join(self) -> Result<(), String> {
        let outcome = |name: &str, joined: std::thread::Result<io::Result<()>>| match joined {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(format!("{name} the protocol failed: {e}")),
            Err(_) => Err(format!("the thread {name} the protocol panicked")),
        };
        let read = outcome("reading", self.reader.join());
        let write = outcome("writing", self.writer.join());
        read.and(write)
    }
}
