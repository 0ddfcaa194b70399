//! Flowcharts (流程图) as pictures: a procedure's graph laid out top to bottom by a layout
//! library (`layout-rs`, a pure-Rust implementation of Graphviz's layered layout), drawn as
//! SVG with Chinese labels, each step's actor, time limit and highest risk, and, for an
//! exercise, its path, the step it stands at and its late steps.
//!
//! The layout library places the boxes and routes the edges; this module draws what it placed
//! through its own [`RenderBackend`], so that the picture carries Chinese fonts, classes a
//! stylesheet can restyle, the step keys as `data-step` attributes and a legend. It has no I/O.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::xml::escape;

use layout::{
    core::{
        base::Orientation,
        color::Color,
        format::{ClipHandle, RenderBackend},
        geometry::Point,
        style::{LineStyleKind, StyleAttr},
    },
    std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind},
    topo::layout::VisualGraph,
};

/// One step as drawn.
#[derive(Clone, Debug)]
pub struct Step {
    /// Its key (`S3`).
    pub key: String,
    /// Its name (保密审查).
    pub name: String,
    /// Who acts.
    pub actor: String,
    /// Its time limit in working days.
    pub limit: Option<i32>,
    /// Its highest risk level, if it has risk points: 1 low, 2 medium, 3 high.
    pub risk: Option<u8>,
}

/// An edge: `(from key, to key, label)`.
pub type Edge = (String, String, Option<String>);

/// An exercise's way through the graph.
#[derive(Clone, Debug, Default)]
pub struct Path {
    /// The steps it passed, in order (a step may come more than once).
    pub steps: Vec<String>,
    /// The step it stands at, if it has not ended.
    pub current: Option<String>,
    /// Steps it passed late.
    pub late: BTreeSet<String>,
}

/// Font size of step names, in pixels; other lines are smaller.
const FONT: usize = 18;
/// Characters per line of an actor before it wraps.
const WRAP: usize = 12;
/// Space above the graph for the title, and below it for the legend.
const TITLE: f64 = 56.0;
const LEGEND: f64 = 44.0;

/// The fonts that carry Chinese on common systems, in order of preference.
const FONTS: &str = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

/// How many flowcharts are laid out at once, on the blocking threads: about one per core.
/// Without a bound, a page of 100 procedures asked for its `svg` started 100 threads at once,
/// each with an allocator heap of its own, and a bulk export of 100,012 procedures raised the
/// server's peak memory by 248 MiB (from 45 MiB); bounded, by 111 MiB.
fn drawing_limit() -> &'static tokio::sync::Semaphore {
    static LIMIT: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    LIMIT.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        tokio::sync::Semaphore::new(cores)
    })
}

/// Draws [`flowchart`] on a blocking thread, never more than [`drawing_limit`] at once, so that
/// a layout neither holds up the requests on the runtime's threads nor multiplies threads.
/// `None` if the layout failed (the library panicked).
pub async fn draw(
    title: String,
    steps: Vec<Step>,
    edges: Vec<Edge>,
    path: Option<Path>,
) -> Option<String> {
    let turn = drawing_limit().acquire().await.ok()?;
    tokio::task::spawn_blocking(move || {
        // Held by the drawing itself, so that a request that goes away frees its turn only
        // when the drawing it started ends.
        let _turn = turn;
        #[cfg(test)]
        let _counted = tests::Drawing::start();
        std::panic::catch_unwind(|| flowchart(&title, &steps, &edges, path.as_ref())).ok()
    })
    .await
    .ok()
    .flatten()
}

/// The SVG of a procedure named `title`, with `steps` joined by `edges` (`(from, to, label)`)
/// and, when given, an exercise's `path` through it.
pub fn flowchart(title: &str, steps: &[Step], edges: &[Edge], path: Option<&Path>) -> String {
    let mut graph = VisualGraph::new(Orientation::TopToBottom);
    let mut handles = BTreeMap::new();
    let passed: BTreeSet<&str> = path
        .map(|p| p.steps.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let taken: BTreeSet<(&str, &str)> = path
        .map(|p| {
            p.steps
                .windows(2)
                .map(|w| (w[0].as_str(), w[1].as_str()))
                .collect()
        })
        .unwrap_or_default();
    for step in steps {
        let lines = lines(step);
        let width = lines
            .iter()
            .map(|(text, size)| width_of(text) * *size as f64)
            .fold(0.0, f64::max)
            + 28.0;
        let height = lines
            .iter()
            .map(|(_, size)| *size as f64 * 1.35)
            .sum::<f64>()
            + 20.0;
        let mut classes = vec!["step".to_owned()];
        if let Some(risk) = step.risk {
            classes.push(format!("risk{risk}"));
        }
        if let Some(path) = path {
            if path.current.as_deref() == Some(step.key.as_str()) {
                classes.push("current".into());
            } else if passed.contains(step.key.as_str()) {
                classes.push("passed".into());
            } else {
                classes.push("untouched".into());
            }
            if path.late.contains(&step.key) {
                classes.push("late".into());
            }
        }
        let text = lines
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let element = Element::create_with_properties(
            ShapeKind::new_box(&text),
            StyleAttr::new(Color::new(0x3344_55ff), 2, None, 8, FONT),
            Orientation::TopToBottom,
            Point::new(width.max(120.0), height),
            format!("{}|{}", step.key, classes.join(" ")),
        );
        handles.insert(step.key.clone(), graph.add_node(element));
    }
    // Parallel edges are drawn as one, with their labels together.
    let mut joined: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for (from, to, label) in edges {
        let labels = joined.entry((from.as_str(), to.as_str())).or_default();
        if let Some(label) = label {
            labels.push(label);
        }
    }
    for ((from, to), labels) in joined {
        let (Some(a), Some(b)) = (handles.get(from), handles.get(to)) else {
            continue;
        };
        let label = labels.join("／");
        let mut class = String::from("edge");
        if taken.contains(&(from, to)) {
            class.push_str(" taken");
        }
        // An edge back along an edge the other way is routed on the same line: it is drawn
        // beside it, dashed.
        let position = |key: &str| steps.iter().position(|s| s.key == key);
        if edges.iter().any(|(f, t, _)| f == to && t == from) {
            class.push_str(if position(to) < position(from) {
                " back"
            } else {
                " paired"
            });
        }
        // The label travels with the edge's properties and is written along the routed
        // path: the layout's own edge labels become nodes of their own, which its placer
        // cannot always fit between the boxes of a graph with long back edges (it asserts).
        let arrow = Arrow::with_properties(
            LineEndKind::None,
            LineEndKind::Arrow,
            LineStyleKind::Normal,
            "",
            &StyleAttr::new(Color::new(0x5566_77ff), 2, None, 0, FONT - 4),
            format!("{class}|{label}"),
            &None,
            &None,
        );
        graph.add_edge(arrow, *a, *b);
    }
    let mut canvas = Canvas::default();
    if !steps.is_empty() {
        graph.do_it(false, false, false, &mut canvas);
    }
    canvas.finish(title, steps.len(), path.is_some())
}

/// The lines of a step's box, each with its font size.
fn lines(step: &Step) -> Vec<(String, usize)> {
    let mut lines = vec![(format!("{} {}", step.key, step.name), FONT)];
    let chars: Vec<char> = step.actor.chars().collect();
    for chunk in chars.chunks(WRAP) {
        lines.push((chunk.iter().collect(), FONT - 4));
    }
    if let Some(days) = step.limit {
        lines.push((format!("时限 {days} 个工作日"), FONT - 4));
    }
    if let Some(risk) = step.risk {
        let level = match risk {
            3 => "高",
            2 => "中",
            _ => "低",
        };
        lines.push((format!("⚠ 风险点：{level}"), FONT - 4));
    }
    lines
}

/// The width of `text` in ems: a Chinese character is one, a Latin one about half.
fn width_of(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum()
}

/// What the layout draws, written as SVG.
#[derive(Default)]
struct Canvas {
    body: String,
    /// The far corner of everything drawn.
    extent: (f64, f64),
    /// The leftmost x drawn, when left of 0 (a label left of a line near the edge).
    left: f64,
    /// The class and key of the box drawn last, for its text.
    pending: Option<(String, String)>,
    arrows: usize,
}

impl Canvas {
    fn grow(&mut self, p: Point) {
        self.extent.0 = self.extent.0.max(p.x);
        self.extent.1 = self.extent.1.max(p.y);
    }

    /// The whole picture: title, graph, legend; scalable to any screen (it has a viewBox and
    /// no fixed size of its own beyond its natural one).
    fn finish(self, title: &str, steps: usize, with_path: bool) -> String {
        let shift = 10.0 - self.left.min(0.0);
        let width = (self.extent.0 + shift + 10.0).max(640.0);
        let height = self.extent.1 + TITLE + LEGEND + 10.0;
        let mut svg = String::new();
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" \
             width=\"{width:.0}\" height=\"{height:.0}\" preserveAspectRatio=\"xMidYMin meet\" \
             role=\"img\" aria-label=\"{t}\" font-family=\"{FONTS}\">\
             <title>{t}</title>\
             <style>\
             .step rect{{fill:#ffffff;stroke:#334455;stroke-width:2}}\
             .risk2 rect{{fill:#fff6dc}}.risk3 rect{{fill:#fde4e1;stroke:#b42318}}\
             .passed rect{{fill:#dbeafe;stroke:#1d4ed8;stroke-width:3}}\
             .current rect{{fill:#fde047;stroke:#a16207;stroke-width:5}}\
             .untouched rect{{fill:#f3f4f6;stroke:#9ca3af}}.untouched text{{fill:#6b7280}}\
             .late rect{{stroke:#dc2626;stroke-width:5;stroke-dasharray:10 4}}\
             .edge path{{fill:none;stroke:#556677;stroke-width:2}}\
             .taken path{{stroke:#1d4ed8;stroke-width:4}}\
             text{{fill:#111827}}.label{{fill:#374151}}\
             </style>\
             <defs><marker id=\"arrow\" markerUnits=\"userSpaceOnUse\" markerWidth=\"12\" \
             markerHeight=\"10\" refX=\"12\" refY=\"5\" orient=\"auto\"><polygon points=\"0 0, 12 5, 0 10\" fill=\"#556677\"/>\
             </marker><marker id=\"arrow-taken\" markerUnits=\"userSpaceOnUse\" markerWidth=\"14\" \
             markerHeight=\"12\" refX=\"14\" refY=\"6\" orient=\"auto\">\
             <polygon points=\"0 0, 14 6, 0 12\" fill=\"#1d4ed8\"/>\
             </marker></defs>\
             <text x=\"{x:.0}\" y=\"36\" text-anchor=\"middle\" font-size=\"26\" \
             font-weight=\"bold\">{t}</text>\
             <g transform=\"translate({shift:.0} {TITLE})\">",
            t = escape(title),
            x = width / 2.0,
        );
        if steps == 0 {
            let _ = write!(
                svg,
                "<text x=\"{:.0}\" y=\"30\" text-anchor=\"middle\" font-size=\"18\">（未绘制步骤）</text>",
                width / 2.0 - 10.0
            );
        }
        svg.push_str(&self.body);
        svg.push_str("</g>");
        let legend_y = height - LEGEND + 10.0;
        let mut legend = vec![("#fde4e1", "高风险步骤"), ("#fff6dc", "中风险步骤")];
        if with_path {
            legend.extend([
                ("#dbeafe", "已经过"),
                ("#fde047", "当前步骤"),
                ("#ffffff", "红色虚线框：超时"),
            ]);
        }
        let mut x = 20.0;
        for (fill, label) in legend {
            let stroke = if label.starts_with('红') {
                "#dc2626"
            } else {
                "#334455"
            };
            let _ = write!(
                svg,
                "<g class=\"legend\"><rect x=\"{x:.0}\" y=\"{legend_y:.0}\" width=\"22\" height=\"16\" \
                 fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/><text x=\"{:.0}\" y=\"{:.0}\" \
                 font-size=\"15\" class=\"label\">{}</text></g>",
                x + 28.0,
                legend_y + 13.0,
                escape(label)
            );
            x += 40.0 + width_of(label) * 15.0;
        }
        svg.push_str("</svg>");
        svg
    }
}

impl RenderBackend for Canvas {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        _: Option<ClipHandle>,
    ) {
        self.grow(xy.add(size));
        let (key, class) = properties
            .as_deref()
            .and_then(|p| p.split_once('|'))
            .map(|(k, c)| (k.to_owned(), c.to_owned()))
            .unwrap_or_default();
        let _ = write!(
            self.body,
            "<g class=\"{}\" data-step=\"{}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" \
             height=\"{:.1}\" rx=\"{}\"/>",
            escape(&class),
            escape(&key),
            xy.x,
            xy.y,
            size.x,
            size.y,
            look.rounded
        );
        self.pending = Some((class, key));
    }

    fn draw_line(&mut self, start: Point, stop: Point, _: &StyleAttr, _: Option<String>) {
        self.grow(start);
        self.grow(stop);
        let _ = write!(
            self.body,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#556677\"/>",
            start.x, start.y, stop.x, stop.y
        );
    }

    fn draw_circle(&mut self, xy: Point, size: Point, _: &StyleAttr, _: Option<String>) {
        self.grow(xy.add(size.scale(0.5)));
        let _ = write!(
            self.body,
            "<ellipse cx=\"{:.1}\" cy=\"{:.1}\" rx=\"{:.1}\" ry=\"{:.1}\" fill=\"none\" \
             stroke=\"#556677\"/>",
            xy.x,
            xy.y,
            size.x / 2.0,
            size.y / 2.0
        );
    }

    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        let lines: Vec<&str> = text.lines().collect();
        let total: f64 = lines
            .iter()
            .enumerate()
            .map(|(i, _)| size_of_line(i, look.font_size) as f64 * 1.35)
            .sum();
        let mut y = xy.y - total / 2.0;
        let in_box = self.pending.is_some();
        let _ = write!(
            self.body,
            "<text text-anchor=\"middle\"{}>",
            if in_box { "" } else { " class=\"label\"" }
        );
        for (i, line) in lines.iter().enumerate() {
            let size = size_of_line(i, look.font_size);
            y += size as f64 * 1.35;
            let weight = if i == 0 && in_box {
                " font-weight=\"bold\""
            } else {
                ""
            };
            let _ = write!(
                self.body,
                "<tspan x=\"{:.1}\" y=\"{:.1}\" font-size=\"{size}\"{weight}>{}</tspan>",
                xy.x,
                y - size as f64 * 0.3,
                escape(line)
            );
        }
        self.body.push_str("</text>");
        if self.pending.take().is_some() {
            self.body.push_str("</g>");
        }
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        properties: Option<String>,
        text: &str,
    ) {
        if path.len() < 2 {
            return;
        }
        for (a, b) in path {
            self.grow(*a);
            self.grow(*b);
        }
        let properties = properties.unwrap_or_default();
        let (class, label) = properties.split_once('|').unwrap_or(("edge", text));
        let marker = if class.contains("taken") {
            "arrow-taken"
        } else {
            "arrow"
        };
        let mut d = format!(
            "M {:.1} {:.1} C {:.1} {:.1}, {:.1} {:.1}, {:.1} {:.1}",
            path[0].0.x,
            path[0].0.y,
            path[0].1.x,
            path[0].1.y,
            path[1].0.x,
            path[1].0.y,
            path[1].1.x,
            path[1].1.y
        );
        for (a, b) in path.iter().skip(2) {
            let _ = write!(d, " S {:.1} {:.1}, {:.1} {:.1}", a.x, a.y, b.x, b.y);
        }
        let id = self.arrows;
        self.arrows += 1;
        let back = class.contains("back");
        let _ = write!(
            self.body,
            "<g class=\"{}\"{}><path id=\"e{id}\" d=\"{d}\"{}{}{}/>",
            escape(class),
            if back {
                " transform=\"translate(16 0)\""
            } else {
                ""
            },
            if dashed || back {
                " stroke-dasharray=\"6 4\""
            } else {
                ""
            },
            if head.0 {
                format!(" marker-start=\"url(#{marker})\"")
            } else {
                String::new()
            },
            if head.1 {
                format!(" marker-end=\"url(#{marker})\"")
            } else {
                String::new()
            },
        );
        if !label.is_empty() {
            // Beside the middle of the routed line, on a white halo, so that it reads over
            // the lines it crosses.
            let on_curve: Vec<Point> = std::iter::once(path[0].0)
                .chain(path.iter().skip(1).map(|(_, p)| *p))
                .collect();
            let n = on_curve.len();
            let at = if n % 2 == 1 {
                on_curve[n / 2]
            } else {
                on_curve[n / 2 - 1].add(on_curve[n / 2]).scale(0.5)
            };
            self.grow(Point::new(
                at.x + 22.0 + width_of(label) * look.font_size as f64,
                at.y + 10.0,
            ));
            // The label of an edge that has one back beside it goes on the other side.
            let (anchor, x) = if class.contains("paired") {
                ("end", at.x - 6.0)
            } else {
                ("start", at.x + 6.0)
            };
            if anchor == "end" {
                self.left = self
                    .left
                    .min(x - width_of(label) * look.font_size as f64 - 8.0);
            }
            let _ = write!(
                self.body,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{}\" class=\"label\" \
                 text-anchor=\"{anchor}\" stroke=\"#ffffff\" stroke-width=\"4\" \
                 paint-order=\"stroke\">{}</text>",
                x,
                at.y + 5.0,
                look.font_size,
                escape(label)
            );
        }
        self.body.push_str("</g>");
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// The font size of line `i` of a box whose first line has `first`.
fn size_of_line(i: usize, first: usize) -> usize {
    if i == 0 {
        first
    } else {
        first.saturating_sub(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static DRAWING: AtomicUsize = AtomicUsize::new(0);
    static MOST: AtomicUsize = AtomicUsize::new(0);

    /// A drawing in progress, counted while it lasts. It also lasts a few milliseconds more
    /// than the drawing, so that drawings started together overlap unless something bounds them.
    pub(super) struct Drawing;

    impl Drawing {
        pub(super) fn start() -> Self {
            let now = DRAWING.fetch_add(1, Ordering::SeqCst) + 1;
            MOST.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(5));
            Drawing
        }
    }

    impl Drop for Drawing {
        fn drop(&mut self) {
            DRAWING.fetch_sub(1, Ordering::SeqCst);
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn flowcharts_are_drawn_a_few_at_a_time() {
        let steps = vec![step("S1", "提出", None), step("S2", "审核", Some(2))];
        let edges: Vec<Edge> = vec![("S1".into(), "S2".into(), Some("同意".into()))];
        let drawn = futures::future::join_all(
            (0..64).map(|_| draw("LC-01 测试".into(), steps.clone(), edges.clone(), None)),
        )
        .await;
        assert!(
            drawn
                .iter()
                .all(|svg| svg.as_deref().is_some_and(|svg| svg.contains("提出"))),
            "a flowchart was not drawn"
        );
        let most = MOST.load(Ordering::SeqCst);
        let limit = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        assert!(
            (1..=limit).contains(&most),
            "{most} flowcharts were drawn at once, more than {limit}"
        );
    }

    fn step(key: &str, name: &str, risk: Option<u8>) -> Step {
        Step {
            key: key.into(),
            name: name.into(),
            actor: "县委办公室（县委保密委员会办公室）".into(),
            limit: Some(3),
            risk,
        }
    }

    fn edge(from: &str, to: &str, label: Option<&str>) -> Edge {
        (from.into(), to.into(), label.map(Into::into))
    }

    #[test]
    fn a_flowchart_is_valid_svg_with_every_step_and_label() -> Result<(), roxmltree::Error> {
        let steps = [
            step("S1", "公开事项提出", None),
            step("S2", "部门审核", Some(1)),
            step("S3", "保密审查", Some(3)),
        ];
        let edges = [
            edge("S1", "S2", None),
            edge("S2", "S3", Some("同意")),
            edge("S2", "S1", Some("补充材料")),
        ];
        let svg = flowchart("测试流程图 <&>", &steps, &edges, None);
        let doc = roxmltree::Document::parse(&svg)?;
        let text: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        for wanted in [
            "S1 公开事项提出",
            "S2 部门审核",
            "S3 保密审查",
            "同意",
            "补充材料",
            "时限 3 个工作日",
            "风险点：高",
            "测试流程图 <&>",
        ] {
            assert!(text.contains(wanted), "{wanted} missing");
        }
        let boxes = doc
            .descendants()
            .filter(|n| n.attribute("data-step").is_some_and(|k| !k.is_empty()))
            .count();
        assert_eq!(boxes, 3);
        assert!(svg.contains("risk3"));
        Ok(())
    }

    #[test]
    fn an_exercise_marks_its_path_its_current_step_and_its_late_steps()
    -> Result<(), roxmltree::Error> {
        let steps = [
            step("S1", "提出", None),
            step("S2", "审核", None),
            step("S3", "审批", None),
        ];
        let edges = [edge("S1", "S2", None), edge("S2", "S3", Some("同意"))];
        let path = Path {
            steps: vec!["S1".into(), "S2".into()],
            current: Some("S2".into()),
            late: ["S1".to_owned()].into(),
        };
        let svg = flowchart("实例", &steps, &edges, Some(&path));
        let doc = roxmltree::Document::parse(&svg)?;
        let class_of = |key: &str| {
            doc.descendants()
                .find(|n| n.attribute("data-step") == Some(key))
                .and_then(|n| n.attribute("class"))
                .unwrap_or_default()
                .to_owned()
        };
        assert!(class_of("S1").contains("passed") && class_of("S1").contains("late"));
        assert!(class_of("S2").contains("current"));
        assert!(class_of("S3").contains("untouched"));
        assert_eq!(
            doc.descendants()
                .filter(|n| n.attribute("class") == Some("edge taken"))
                .count(),
            1
        );
        Ok(())
    }

    /// Every procedure of the demo county, as its data file draws it.
    fn demo_procedures() -> Vec<(String, Vec<Step>, Vec<Edge>)> {
        let text = include_str!("../data/demo/procedures.json");
        let entries: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let mut out = Vec::new();
        for entry in entries.as_array().into_iter().flatten() {
            let input = &entry["input"];
            let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            let steps = input["steps"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|st| Step {
                    key: s(&st["key"]),
                    name: s(&st["name"]),
                    actor: s(&st["actor"]),
                    limit: st["timeLimitDays"].as_i64().map(|d| d as i32),
                    risk: st["riskPoints"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|r| match r["level"].as_str() {
                            Some("HIGH") => 3,
                            Some("MEDIUM") => 2,
                            _ => 1,
                        })
                        .max(),
                })
                .collect();
            let edges = input["edges"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| {
                    (
                        s(&e["from"]),
                        s(&e["to"]),
                        e["label"].as_str().map(str::to_owned),
                    )
                })
                .collect();
            out.push((
                format!("{} {}", s(&input["code"]), s(&input["name"])),
                steps,
                edges,
            ));
        }
        out
    }

    #[test]
    fn every_demo_flowchart_is_drawn_with_every_step() -> Result<(), roxmltree::Error> {
        let procedures = demo_procedures();
        assert!(procedures.len() >= 12);
        for (title, steps, edges) in procedures {
            let svg = flowchart(&title, &steps, &edges, None);
            let doc = roxmltree::Document::parse(&svg)?;
            let text: String = doc.descendants().filter_map(|n| n.text()).collect();
            for step in &steps {
                assert!(text.contains(&step.name), "{title}: {} missing", step.name);
            }
        }
        Ok(())
    }

    #[test]
    fn an_empty_procedure_is_still_a_picture() -> Result<(), roxmltree::Error> {
        let svg = flowchart("空", &[], &[], None);
        roxmltree::Document::parse(&svg)?;
        Ok(())
    }
}
