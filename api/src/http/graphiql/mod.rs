//! GraphiQL, for a browser at `GET /graphql`, with every file it needs built into the binary:
//! it works on a network without internet. The page opens on a query of the demo county.

use axum::{
    extract::Path,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

/// The query GraphiQL opens with.
const DEFAULT_QUERY: &str =
    "# 党务公开 GraphQL 接口 (Sunlight). Press ▶ to run this query; the Docs pane lists
# every type and field. Add a token under Headers: {\"Authorization\": \"Bearer …\"}.
{
  powers(first: 5, orderBy: { field: CODE }) {
    totalCount
    edges { node { id code name category holder { name } procedure { name } } }
  }
  meetings(first: 3, orderBy: { field: STARTS_AT, direction: DESC }) {
    edges { node { label startsAt decisions { title result executionStatus } } }
  }
  statistics { noticePeriods { total onTime open } }
}
";

/// The page.
pub fn page() -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>GraphiQL · 党务公开</title>\n\
         <link rel=\"stylesheet\" href=\"/graphiql/graphiql.min.css\">\n\
         <style>html, body, #graphiql {{ height: 100%; margin: 0; }}</style>\n\
         <script src=\"/graphiql/react.production.min.js\" defer></script>\n\
         <script src=\"/graphiql/react-dom.production.min.js\" defer></script>\n\
         <script src=\"/graphiql/graphiql.min.js\" defer></script>\n\
         <script src=\"/graphiql/init.js\" defer></script>\n\
         </head>\n<body>\n<main id=\"graphiql\" data-default-query=\"{}\"></main>\n</body>\n</html>\n",
        crate::xml::escape(DEFAULT_QUERY)
    );
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
             script-src 'self'; connect-src 'self' ws: wss:; font-src 'self' data:; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    response
}

/// `GET /graphiql/{file}`: GraphiQL's scripts and style sheet.
pub async fn asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let (media, body): (&'static str, &'static [u8]) = match file.as_str() {
        "graphiql.min.js" => (
            "text/javascript; charset=utf-8",
            include_bytes!("graphiql.min.js"),
        ),
        "graphiql.min.css" => (
            "text/css; charset=utf-8",
            include_bytes!("graphiql.min.css"),
        ),
        "react.production.min.js" => (
            "text/javascript; charset=utf-8",
            include_bytes!("react.production.min.js"),
        ),
        "react-dom.production.min.js" => (
            "text/javascript; charset=utf-8",
            include_bytes!("react-dom.production.min.js"),
        ),
        "init.js" => ("text/javascript; charset=utf-8", include_bytes!("init.js")),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    // The files change only with the binary.
    let etag = format!("\"{}-{file}\"", env!("CARGO_PKG_VERSION"));
    super::validators::shared(&headers, media, body, Some(etag), "public, max-age=86400")
}
