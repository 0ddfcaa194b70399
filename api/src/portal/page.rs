//! The frame every portal page shares (landmarks, navigation, footer) and the small pieces its
//! pages are written with. Every text that comes from data goes through [`h`].

use std::fmt::Write as _;

use serde_json::Value;

/// `text` escaped for HTML content and attribute values.
pub fn h(text: &str) -> String {
    crate::xml::escape(text)
}

/// The string at `value`, or "".
pub fn s(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// The sections of the navigation: path and name.
const SECTIONS: &[(&str, &str)] = &[
    ("/", "首页"),
    ("/powers", "权力清单"),
    ("/meetings", "会议公开"),
    ("/appointments", "任前公示"),
    ("/bulletins", "公开简报"),
    ("/statistics", "统计"),
    ("/feedback", "意见反馈"),
];

/// A whole page: `title` in the tab and as the heading, `current` the path of its section,
/// `body` the HTML inside `<main>`.
pub fn frame(title: &str, current: &str, body: &str) -> String {
    let mut nav = String::new();
    for (path, name) in SECTIONS {
        let here = if *path == current {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(nav, "<li><a href=\"{path}\"{here}>{name}</a></li>");
    }
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · 党务公开</title>\n\
         <link rel=\"stylesheet\" href=\"/assets/portal.css\">\n\
         <link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">\n\
         <link rel=\"alternate\" type=\"application/atom+xml\" title=\"公开简报\" href=\"/feeds/bulletins.atom\">\n\
         <script src=\"/assets/portal.js\" defer></script>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">跳到正文</a>\n\
         <header class=\"site\">\n<p class=\"brand\"><a href=\"/\">党务公开</a></p>\n\
         <nav aria-label=\"主导航\"><ul>{nav}</ul></nav>\n</header>\n\
         <main id=\"main\">\n<h1>{title}</h1>\n{body}\n</main>\n\
         <footer class=\"site\">\n<p>本网站的全部内容均来自公开数据接口：\
         <a href=\"/graphql\">GraphQL 接口</a> · <a href=\"/api/docs\">接口文档</a> · \
         <a href=\"/export/manifest.json\">数据下载</a> · \
         <a href=\"/feeds/bulletins.atom\">订阅（Atom）</a></p>\n</footer>\n</body>\n</html>\n",
        title = h(title),
    )
}

/// A definition list of the pairs whose value is not empty.
pub fn facts(pairs: &[(&str, String)]) -> String {
    let mut out = String::from("<dl class=\"facts\">");
    for (name, value) in pairs {
        if value.is_empty() {
            continue;
        }
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", h(name), h(value));
    }
    out.push_str("</dl>");
    out
}

/// Paragraphs of `text`, one per line.
pub fn paragraphs(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("<p>{}</p>", h(line)))
        .collect()
}

/// The day of an RFC 3339 time or date, `YYYY-MM-DD`, in China Standard Time.
pub fn day(value: &Value) -> String {
    let text = s(value);
    match chrono::DateTime::parse_from_rfc3339(text) {
        Ok(at) => crate::clock::county_day(at.to_utc()).to_string(),
        Err(_) => text.get(..10).unwrap_or(text).to_owned(),
    }
}

/// The label of `value` of enum `name` in Chinese, or the value itself.
pub fn label(name: &str, value: &Value) -> String {
    let value = s(value);
    crate::graphql::labels::label(name, value, crate::graphql::labels::Lang::Zh)
        .unwrap_or_else(|| value.to_owned())
}

/// A horizontal bar chart of `(label, count, shown)`, drawn as SVG with its numbers written out,
/// so that it reads without colour and without the picture.
pub fn bars(caption: &str, rows: &[(String, Option<i64>, String)]) -> String {
    let max = rows.iter().filter_map(|r| r.1).max().unwrap_or(0).max(1);
    let row_height = 28;
    let height = row_height * rows.len().max(1);
    let mut svg = format!(
        "<figure class=\"chart\"><figcaption>{}</figcaption>\
         <svg viewBox=\"0 0 640 {height}\" role=\"img\" aria-label=\"{}\" \
         preserveAspectRatio=\"xMinYMin meet\">",
        h(caption),
        h(caption)
    );
    for (i, (name, count, shown)) in rows.iter().enumerate() {
        let y = i * row_height;
        let width = count.map_or(0, |c| c * 380 / max);
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" class=\"axis\">{}</text>\
             <rect x=\"170\" y=\"{}\" width=\"{width}\" height=\"18\" class=\"bar\"></rect>\
             <text x=\"{}\" y=\"{}\" class=\"value\">{}</text>",
            y + 18,
            h(name),
            y + 4,
            176 + width,
            y + 18,
            h(shown)
        );
    }
    svg.push_str("</svg><table class=\"figures\"><tbody>");
    for (name, _, shown) in rows {
        let _ = write!(
            svg,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            h(name),
            h(shown)
        );
    }
    svg.push_str("</tbody></table></figure>");
    svg
}

/// A link to the next page of a list, when there is one.
pub fn next_page(path: &str, query: &[(&str, &str)], page_info: &Value) -> String {
    if page_info["hasNextPage"] != Value::Bool(true) {
        return String::new();
    }
    let mut params: Vec<(&str, &str)> = query
        .iter()
        .filter(|(k, v)| *k != "after" && !v.is_empty())
        .copied()
        .collect();
    let cursor = s(&page_info["endCursor"]);
    params.push(("after", cursor));
    let encoded = serde_urlencoded::to_string(&params).unwrap_or_default();
    format!(
        "<nav class=\"pages\" aria-label=\"翻页\"><a rel=\"next\" href=\"{path}?{}\">下一页</a></nav>",
        h(&encoded)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_write_markup() {
        let page = frame(
            "<script>alert(1)</script>",
            "/",
            &facts(&[("名", "<b>".into())]),
        );
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("<b>"), "{page}");
        assert!(page.contains("&lt;script&gt;"));
    }

    #[test]
    fn a_chart_writes_its_numbers_out() {
        let chart = bars(
            "处分",
            &[
                ("警告".into(), Some(3), "3".into()),
                ("开除".into(), None, "少于3件".into()),
            ],
        );
        assert!(
            chart.contains("<th scope=\"row\">警告</th><td>3</td>"),
            "{chart}"
        );
        assert!(chart.contains("少于3件"), "{chart}");
    }
}
