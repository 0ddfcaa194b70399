//! The Ed25519 key that signs checkpoints of the audit log. It is kept outside the database the
//! log lives in: whoever can rewrite the database cannot sign a checkpoint for the rewritten log.

use std::path::{Path, PathBuf};

use ed25519_dalek::{
    SigningKey, VerifyingKey,
    pkcs8::{
        DecodePrivateKey as _, EncodePrivateKey as _, KeypairBytes, spki::der::pem::LineEnding,
    },
};

use crate::{auth::KeyError, config::Config};

/// The key made on first start in `data_dir` when no `audit_signing_key_file` is configured.
pub const LOCAL_KEY_FILE: &str = "audit-ed25519.pem";

/// The signing key and the file it was read from.
pub struct CheckpointKey {
    signing: SigningKey,
    /// Where the key lives.
    pub path: PathBuf,
    /// Whether it is the key made in `data_dir` rather than a configured one.
    pub local: bool,
}

impl std::fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckpointKey")
            .field("public_key", &self.public_hex())
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl CheckpointKey {
    /// A key held in memory only, for tests and tools.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self {
            signing: SigningKey::from_bytes(&seed),
            path: PathBuf::new(),
            local: false,
        }
    }

    /// The configured key, or the local one in `data_dir`, made now if it does not exist yet.
    pub fn load_or_create(config: &Config) -> Result<Self, KeyError> {
        match &config.audit_signing_key_file {
            Some(path) => Self::read(path, false),
            None => {
                let path = config.data_dir.join(LOCAL_KEY_FILE);
                match Self::read(&path, true) {
                    Err(KeyError::Io { source, .. })
                        if source.kind() == std::io::ErrorKind::NotFound =>
                    {
                        create(&config.data_dir, &path)
                    }
                    other => other,
                }
            }
        }
    }

    /// The configured or local key if it exists; never makes one, since a new key could only
    /// fail to verify what the old one signed.
    pub fn load_existing(config: &Config) -> Result<Self, KeyError> {
        match &config.audit_signing_key_file {
            Some(path) => Self::read(path, false),
            None => Self::read(&config.data_dir.join(LOCAL_KEY_FILE), true),
        }
    }

    fn read(path: &Path, local: bool) -> Result<Self, KeyError> {
        let text = std::fs::read_to_string(path).map_err(io(path))?;
        #[cfg(unix)]
        if let Ok(meta) = std::fs::metadata(path) {
            use std::os::unix::fs::PermissionsExt as _;
            if meta.permissions().mode() & 0o077 != 0 {
                tracing::warn!(
                    key = %path.display(),
                    "the audit signing key is readable by other users; make it readable by its owner only (chmod 600)"
                );
            }
        }
        let signing = parse(&text).map_err(|message| KeyError::Invalid {
            origin: path.display().to_string(),
            message,
        })?;
        Ok(Self {
            signing,
            path: path.to_owned(),
            local,
        })
    }

    /// The key that signs.
    pub fn signing(&self) -> &SigningKey {
        &self.signing
    }

    /// The public key, which verifies what this key signed.
    pub fn public(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The public key as checkpoints carry it: 64 lowercase hex digits.
    pub fn public_hex(&self) -> String {
        hex(self.public().as_bytes())
    }
}

/// The key in `text`: a PKCS#8 PEM (as `openssl genpkey -algorithm ed25519` writes it), or the
/// 32-byte seed as 64 hex digits.
fn parse(text: &str) -> Result<SigningKey, String> {
    let text = text.trim();
    if text.starts_with("-----BEGIN") {
        return SigningKey::from_pkcs8_pem(text).map_err(|e| format!("not an Ed25519 key: {e}"));
    }
    let seed =
        unhex::<32>(text).ok_or("expected a PKCS#8 PEM Ed25519 private key or 64 hex digits")?;
    Ok(SigningKey::from_bytes(&seed))
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> KeyError + '_ {
    move |source| KeyError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Makes a new key at `path`, readable by its owner only. The key is written whole to a file of
/// its own and then linked into place, so that no process ever reads half a key, and two
/// instances starting at once agree on one key: the second link fails and its maker reads the
/// first.
fn create(dir: &Path, path: &Path) -> Result<CheckpointKey, KeyError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| KeyError::Invalid {
        origin: "the system's random source".into(),
        message: e.to_string(),
    })?;
    let signing = SigningKey::from_bytes(&seed);
    seed.fill(0);
    // PKCS#8 v1, the seed alone: the form OpenSSL writes and reads (it refuses the v2 form
    // with the public key that `SigningKey` would write).
    let pem = KeypairBytes {
        secret_key: signing.to_bytes(),
        public_key: None,
    }
    .to_pkcs8_pem(LineEnding::LF)
    .map_err(|e| KeyError::Invalid {
        origin: path.display().to_string(),
        message: e.to_string(),
    })?;
    let mut suffix = [0u8; 8];
    let _ = getrandom::fill(&mut suffix);
    let temporary = dir.join(format!(".{LOCAL_KEY_FILE}.{}", hex(&suffix)));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = (|| {
        let mut file = options.open(&temporary)?;
        std::io::Write::write_all(&mut file, pem.as_bytes())?;
        file.sync_all()?;
        std::fs::hard_link(&temporary, path)
    })();
    let _ = std::fs::remove_file(&temporary);
    match written {
        Ok(()) => {
            // The link is durable only once the directory is.
            if let Ok(dir) = std::fs::File::open(dir) {
                let _ = dir.sync_all();
            }
            Ok(CheckpointKey {
                signing,
                path: path.to_owned(),
                local: true,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => CheckpointKey::read(path, true),
        Err(e) => Err(io(path)(e)),
    }
}

/// The public key spelled by `text`, 64 hex digits, as checkpoints and the README publish it.
pub fn verifying_key(text: &str) -> Result<VerifyingKey, String> {
    let bytes = unhex::<32>(text.trim()).ok_or("expected 64 hex digits")?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| "not an Ed25519 public key".to_owned())
}

/// `bytes` as lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `N` bytes that `text` (2N hex digits, either case) spells, if it spells exactly that.
pub(crate) fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.as_bytes();
    if text.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        let digit = |c: u8| (c as char).to_digit(16);
        *byte = u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &Path) -> Config {
        Config {
            data_dir: dir.to_owned(),
            ..Config::default()
        }
    }

    #[test]
    fn the_local_key_is_made_once_and_kept_private() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let config = config(dir.path());
        assert!(CheckpointKey::load_existing(&config).is_err());
        let made = CheckpointKey::load_or_create(&config)?;
        let again = CheckpointKey::load_or_create(&config)?;
        assert_eq!(made.public_hex(), again.public_hex());
        assert_eq!(
            CheckpointKey::load_existing(&config)?.public_hex(),
            made.public_hex()
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&made.path)?.permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())?
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        Ok(())
    }

    #[test]
    fn a_configured_key_is_read_as_pem_or_hex_and_never_made() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let key = CheckpointKey::from_seed([7; 32]);
        let pem = key.signing().to_pkcs8_pem(LineEnding::LF)?;
        let pem_file = dir.path().join("audit.pem");
        std::fs::write(&pem_file, pem.as_bytes())?;
        let hex_file = dir.path().join("audit.hex");
        std::fs::write(&hex_file, format!("{}\n", hex(&[7; 32])))?;
        for file in [pem_file, hex_file] {
            let config = Config {
                audit_signing_key_file: Some(file),
                ..config(dir.path())
            };
            assert_eq!(
                CheckpointKey::load_or_create(&config)?.public_hex(),
                key.public_hex()
            );
        }
        let missing = Config {
            audit_signing_key_file: Some(dir.path().join("nowhere.pem")),
            ..config(dir.path())
        };
        assert!(CheckpointKey::load_or_create(&missing).is_err());
        assert!(!dir.path().join("nowhere.pem").exists());
        assert!(!dir.path().join(LOCAL_KEY_FILE).exists());
        Ok(())
    }

    #[test]
    fn hex_round_trips_and_refuses_other_lengths() {
        assert_eq!(unhex::<2>("0aFf"), Some([0x0a, 0xff]));
        assert_eq!(unhex::<2>("0a"), None);
        assert_eq!(unhex::<2>("0g00"), None);
        assert_eq!(hex(&[0x0a, 0xff]), "0aff");
    }
}
