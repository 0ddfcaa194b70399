//! The Debian package: what it holds, and that its systemd unit passes `systemd-analyze
//! verify` and is rated at most "OK" by `systemd-analyze security`.

use std::{path::Path, process::Command};

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(command: &mut Command) -> anyhow::Result<(String, String)> {
    let output = command.output()?;
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    );
    anyhow::ensure!(output.status.success(), "{command:?} failed: {out}{err}");
    Ok((out, err))
}

#[test]
fn the_debian_package_installs_a_hardened_service() -> anyhow::Result<()> {
    if !have("dpkg-deb") {
        eprintln!("skipped: dpkg-deb is not installed");
        return Ok(());
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or_else(|| anyhow::anyhow!("no repository"))?;
    let out = tempfile::tempdir()?;
    let (built, _) = run(Command::new(repo.join("packaging/build-deb"))
        .args([
            "--binary",
            env!("CARGO_BIN_EXE_sunlight-for-tests"),
            "--compress",
            "none",
        ])
        .arg("--out")
        .arg(out.path()))?;
    let package = built.trim();

    let (info, _) = run(Command::new("dpkg-deb").args(["--info", package]))?;
    assert!(info.contains("Package: sunlight"), "{info}");
    assert!(
        info.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))),
        "{info}"
    );
    let (conffiles, _) = run(Command::new("dpkg-deb").args(["--info", package, "conffiles"]))?;
    assert_eq!(conffiles.trim(), "/etc/sunlight/sunlight.toml");
    let (contents, _) = run(Command::new("dpkg-deb").args(["--contents", package]))?;
    for (mode, path) in [
        ("-rwxr-xr-x root/root", "./usr/bin/sunlight"),
        (
            "-rw-r--r-- root/root",
            "./lib/systemd/system/sunlight.service",
        ),
        ("-rw-r----- root/root", "./etc/sunlight/sunlight.toml"),
        ("-rw-r--r-- root/root", "./usr/share/doc/sunlight/copyright"),
        ("-rw-r--r-- root/root", "./usr/share/doc/sunlight/README.md"),
    ] {
        assert!(
            contents
                .lines()
                .any(|l| l.starts_with(mode) && l.ends_with(path)),
            "{path} with {mode} not in:\n{contents}"
        );
    }
    // Nothing under /var: the data directory is made by systemd and never removed by dpkg.
    assert!(!contents.contains("./var/"), "{contents}");

    let root = tempfile::tempdir()?;
    run(Command::new("dpkg-deb")
        .args(["-x", package])
        .arg(root.path()))?;
    for script in ["postinst", "prerm", "postrm"] {
        let (body, _) = run(Command::new("dpkg-deb").args(["--info", package, script]))?;
        let file = out.path().join(script);
        std::fs::write(&file, body)?;
        run(Command::new("sh").arg("-n").arg(&file))?;
    }
    // The binary runs, and the packaged configuration loads, for a production start.
    let (version, _) = run(Command::new(root.path().join("usr/bin/sunlight")).arg("--version"))?;
    assert!(version.contains(env!("CARGO_PKG_VERSION")), "{version}");
    let config = sunlight::config::Config::load(
        Some(&root.path().join("etc/sunlight/sunlight.toml")),
        std::iter::empty(),
    )?;
    assert_eq!(config.data_dir, Path::new("/var/lib/sunlight"));
    assert!(!config.seed_demo);

    if !have("systemd-analyze") {
        eprintln!("the unit was not verified: systemd-analyze is not installed");
        return Ok(());
    }
    // The unit is verified inside the unpacked package, beside this machine's own units.
    let units = root.path().join("lib/systemd/system");
    for entry in std::fs::read_dir("/lib/systemd/system")? {
        let entry = entry?;
        let target = units.join(entry.file_name());
        if !target.exists() && entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), target)?;
        }
    }
    let root_arg = format!("--root={}", root.path().display());
    let (_, complaints) =
        run(Command::new("systemd-analyze").args(["verify", &root_arg, "sunlight.service"]))?;
    assert_eq!(complaints.trim(), "", "systemd-analyze verify complains");
    let (rating, _) = run(Command::new("systemd-analyze").args([
        "security",
        "--offline=true",
        &root_arg,
        "--no-pager",
        "sunlight.service",
    ]))?;
    let overall = rating
        .lines()
        .find(|l| l.contains("Overall exposure level"))
        .ok_or_else(|| anyhow::anyhow!("no rating in:\n{rating}"))?;
    assert!(
        ["PERFECT", "SAFE", "OK"]
            .iter()
            .any(|word| overall.contains(word)),
        "{overall}"
    );
    eprintln!("{}", overall.trim_start_matches('→').trim());
    Ok(())
}
