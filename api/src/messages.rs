//! Error messages in the caller's language. Every message the API writes is English in the
//! code; a request whose `Accept-Language` prefers Chinese gets each one in Chinese, with the
//! same code and field. The table pairs each English message, `{}` standing for each part that
//! varies, with its Chinese; a test scans the sources for messages and fails on one without a
//! translation.

use std::borrow::Cow;

/// A language of messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Chinese.
    Zh,
}

impl Lang {
    /// The language an `Accept-Language` header prefers among English and Chinese (RFC 9110,
    /// 12.5.4): the range of highest weight that names one of them; English when none does.
    pub fn preferred(header: Option<&str>) -> Self {
        let Some(header) = header else {
            return Lang::En;
        };
        let mut best: Option<(f32, usize, Lang)> = None;
        for (position, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let lang = if tag == "zh" || tag.starts_with("zh-") {
                Lang::Zh
            } else if tag == "en" || tag.starts_with("en-") {
                Lang::En
            } else {
                continue;
            };
            if weight <= 0.0 {
                continue;
            }
            // The highest weight wins; between equals, the earlier.
            if best.is_none_or(|(w, p, _)| weight > w || (weight == w && position < p)) {
                best = Some((weight, position, lang));
            }
        }
        best.map_or(Lang::En, |(_, _, lang)| lang)
    }

    /// The `Content-Language` of a message in this language.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// `message` in `lang`: as it is in English, or its Chinese from the table; a message the
/// table lacks stays English.
pub fn localize(message: &str, lang: Lang) -> Cow<'_, str> {
    if lang == Lang::En {
        return Cow::Borrowed(message);
    }
    match zh(message) {
        Some(text) => Cow::Owned(text),
        None => Cow::Borrowed(message),
    }
}

/// The Chinese of `message`, if the table has it.
pub fn zh(message: &str) -> Option<String> {
    TABLE.iter().find_map(|(english, chinese)| {
        let parts = fill(english, message)?;
        let mut out = String::with_capacity(chinese.len() + 16);
        let mut rest = *chinese;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let Some(end) = after.find('}') else { break };
            match after[..end].parse::<usize>() {
                Ok(n) => out.push_str(parts.get(n).map(String::as_str).unwrap_or_default()),
                Err(_) => out.push_str(&rest[at..at + end + 2]),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    })
}

/// The parts of `message` that stand where `pattern` has `{}`, if it matches: the parts are
/// translated too, since a message may hold another (a field's path and why it is refused).
fn fill(pattern: &str, message: &str) -> Option<Vec<String>> {
    let pieces: Vec<&str> = pattern.split("{}").collect();
    let mut parts = Vec::new();
    if matches(&pieces, message, &mut parts) {
        Some(
            parts
                .into_iter()
                .map(|p| {
                    zh(p)
                        .or_else(|| noun(p).map(str::to_owned))
                        .unwrap_or_else(|| p.to_owned())
                })
                .collect(),
        )
    } else {
        None
    }
}

/// The Chinese noun of a kind of record named by its English noun (`decision`: 决策).
fn noun(english: &str) -> Option<&'static str> {
    use sea_orm::Iterable as _;
    entity::enums::RecordKind::iter()
        .find(|kind| crate::store::edit::kind_noun(*kind) == english)
        .map(|kind| crate::graphql::kinds::feed(kind).untitled)
}

/// Whether `text` is `pieces` joined by non-empty parts, which are pushed to `parts`.
fn matches<'t>(pieces: &[&str], text: &'t str, parts: &mut Vec<&'t str>) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return text.is_empty();
    };
    let Some(text) = text.strip_prefix(first) else {
        return false;
    };
    let Some((next, _)) = rest.split_first() else {
        return text.is_empty();
    };
    // Try every place the next piece could start, shortest part first.
    let mut from = 1;
    while from <= text.len() {
        if !text.is_char_boundary(from) {
            from += 1;
            continue;
        }
        let candidate = if next.is_empty() {
            Some(if rest.len() == 1 { text.len() } else { from })
        } else {
            text[from..].find(next).map(|i| from + i)
        };
        let Some(end) = candidate else { return false };
        parts.push(&text[..end]);
        if matches(rest, &text[end..], parts) {
            return true;
        }
        parts.pop();
        from = end + 1;
    }
    false
}

/// `(English, 中文)`: `{}` in the English stands for each part that varies, `{n}` in the
/// Chinese for the n-th of them (from 0).
const TABLE: &[(&str, &str)] = &[
    // Requests.
    (
        "GET may only carry queries; send mutations with POST",
        "GET 只能用于查询；变更请用 POST 发送",
    ),
    (
        "batched requests are not accepted; send one operation per request",
        "不接受批量请求；每个请求只发送一个操作",
    ),
    (
        "send the request as application/json",
        "请以 application/json 发送请求",
    ),
    (
        "the URL does not hold a GraphQL request: use ?query=...",
        "URL 中没有 GraphQL 请求：请使用 ?query=...",
    ),
    (
        "the request has no query: send {\"query\": \"...\"}",
        "请求中没有查询：请发送 {\"query\": \"...\"}",
    ),
    (
        "the URL's variables are not a JSON object",
        "URL 中的 variables 不是 JSON 对象",
    ),
    (
        "the URL's extensions are not a JSON object",
        "URL 中的 extensions 不是 JSON 对象",
    ),
    (
        "provided sha does not match query",
        "提供的 SHA-256 与查询文本不符",
    ),
    (
        "extensions.persistedQuery must be an object with version and sha256Hash",
        "extensions.persistedQuery 必须是含 version 和 sha256Hash 的对象",
    ),
    (
        "persisted query version must be 1",
        "持久化查询的 version 必须为 1",
    ),
    (
        "sha256Hash must be 64 hexadecimal digits",
        "sha256Hash 必须是 64 位十六进制数字",
    ),
    (
        "the body is not a GraphQL request: send {\"query\": \"...\", \"variables\": {...}}",
        "请求体不是 GraphQL 请求：请发送 {\"query\": \"...\", \"variables\": {...}}",
    ),
    (
        "the request body is larger than 64 KiB",
        "请求体超过 64 KiB",
    ),
    (
        "the request took too long and was stopped; ask for less or retry later",
        "请求耗时过长，已被终止；请减少请求内容或稍后重试",
    ),
    (
        "the service cannot answer now; try again shortly",
        "服务暂时无法应答，请稍后重试",
    ),
    (
        "the database cannot be reached now; retry shortly",
        "数据库暂时无法连接，请稍后重试",
    ),
    (
        "the database has no room to write now; reads go on, retry later",
        "数据库暂无写入空间；查询不受影响，请稍后重试",
    ),
    (
        "internal error; the server log has the details",
        "内部错误；详情见服务器日志",
    ),
    ("internal error", "内部错误"),
    (
        "too many requests; slow down and retry after the time in Retry-After",
        "请求过多；请放慢速度，并在 Retry-After 所示时间后重试",
    ),
    (
        "too many requests; slow down and connect again later",
        "请求过多；请放慢速度，稍后再连接",
    ),
    (
        "the query asks for more than {} fields once its fragments are expanded",
        "展开片段后，查询请求的字段超过 {0} 个",
    ),
    (
        "the query uses more than {} aliases",
        "查询使用的别名超过 {0} 个",
    ),
    (
        "{} holds a NUL character, which no text may contain",
        "{0} 含有 NUL 字符，任何文本都不得包含",
    ),
    (
        "{} holds the control character {}; only tab, line feed and carriage return are allowed",
        "{0} 含有控制字符 {1}；只允许制表符、换行符和回车符",
    ),
    ("{} is longer than {} characters", "{0} 超过 {1} 个字符"),
    // The GraphQL engine's refusals of a query.
    ("Query is nested too deep.", "查询嵌套过深。"),
    ("Query is too complex.", "查询过于复杂。"),
    (
        "Unknown field \"{}\" on type \"{}\".",
        "类型 \"{1}\" 上没有字段 \"{0}\"。",
    ),
    (
        "Unknown field \"{}\" on type \"{}\". Did you mean {}?",
        "类型 \"{1}\" 上没有字段 \"{0}\"。您是否想用 {2}？",
    ),
    (
        "Unknown argument \"{}\" on field \"{}\" of type \"{}\".",
        "类型 \"{2}\" 的字段 \"{1}\" 没有参数 \"{0}\"。",
    ),
    (
        "Unknown argument \"{}\" on field \"{}\" of type \"{}\". Did you mean {}?",
        "类型 \"{2}\" 的字段 \"{1}\" 没有参数 \"{0}\"。您是否想用 {3}？",
    ),
    (
        "Field \"{}\" argument \"{}\" of type \"{}\" is required but not provided",
        "类型 \"{2}\" 的字段 \"{0}\" 的参数 \"{1}\" 为必填项，但未提供",
    ),
    ("Invalid value for argument {}", "参数值无效：{0}"),
    ("Unknown type \"{}\"", "未知类型 \"{0}\""),
    // Tokens and rights.
    (
        "the bearer token is not valid for this service",
        "持有者令牌对本服务无效",
    ),
    (
        "writing needs a token: anonymous callers only read",
        "写入需要令牌：匿名调用者只能读取",
    ),
    (
        "publishing needs a token: anonymous callers only read",
        "发布需要令牌：匿名调用者只能读取",
    ),
    ("uploading needs a token", "上传需要令牌"),
    (
        "a caller with role {} may not write records; editors of the owning organization may",
        "角色为 {0} 的调用者不得写入记录；所属单位的编辑可以",
    ),
    (
        "a caller with role {} may not change this record; editors of its organization may",
        "角色为 {0} 的调用者不得修改此记录；其所属单位的编辑可以",
    ),
    (
        "a caller with role {} may not {} this record",
        "角色为 {0} 的调用者不得对此记录执行 {1}",
    ),
    (
        "editors create records only for their own organizations",
        "编辑只能为本单位创建记录",
    ),
    (
        "this token is limited to other jurisdictions: it writes only records of organizations of its own",
        "此令牌限于其他行政区划：只能写入本行政区划内单位的记录",
    ),
    (
        "name the organization that will own the record",
        "请指明记录的所属单位",
    ),
    (
        "the author of a record cannot review it; another reviewer must",
        "记录的作者不得审核该记录；须由另一名审核人审核",
    ),
    (
        "only supervisors and admins may read the logs",
        "只有监督人员和管理员可以查阅日志",
    ),
    (
        "this is outside your reach: an audience names your organizations, those below them, or people who hold a post in them",
        "超出您的范围：特定公开范围只能指定您所在的单位、其下级单位或在其中任职的人员",
    ),
    // Records, ids and cursors.
    ("there is no record with this id", "没有此 id 的记录"),
    (
        "there is no {} with this id that you can see",
        "没有您可查看的此 id 的{0}",
    ),
    (
        "there is no organization with this id that you can see",
        "没有您可查看的此 id 的单位",
    ),
    (
        "there is no person with this id that you can see",
        "没有您可查看的此 id 的人员",
    ),
    (
        "this is not the global id of a record",
        "这不是记录的全局 id",
    ),
    ("this is not the id of a record", "这不是记录的 id"),
    ("this is not the id of an organization", "这不是单位的 id"),
    ("this is not the id of a {}", "这不是{0}的 id"),
    (
        "this is not the id of a jurisdiction",
        "这不是行政区划的 id",
    ),
    ("no jurisdiction has this id", "没有使用此 id 的行政区划"),
    (
        "the logs hold every jurisdiction's work: a token limited to jurisdictions may not read them",
        "日志包含所有行政区划的工作记录：限于特定行政区划的令牌不得读取",
    ),
    (
        "`jurisdiction` is the division code of a jurisdiction, e.g. 632221; the query `jurisdictions` lists them",
        "`jurisdiction` 应为行政区划代码，例如 632221；查询 `jurisdictions` 可列出全部行政区划",
    ),
    ("no jurisdiction is {}", "没有代码为 {0} 的行政区划"),
    (
        "name the jurisdiction by id or by divisionCode, one of the two",
        "请以 id 或 divisionCode 之一指明行政区划",
    ),
    (
        "name the related record by its global id",
        "请用全局 id 指明相关记录",
    ),
    (
        "the record changed since you read it: it is at version {}; read it again",
        "记录在您读取后已被修改，当前为第 {0} 版；请重新读取",
    ),
    (
        "the record changed while you wrote: read it again",
        "记录在您写入时已被修改：请重新读取",
    ),
    (
        "this is not a cursor this API gave out",
        "这不是本 API 给出的游标",
    ),
    (
        "`{}` is not a cursor this API gave out",
        "`{0}` 不是本 API 给出的游标",
    ),
    (
        "this is not a cursor of a search result",
        "这不是搜索结果的游标",
    ),
    (
        "this cursor was not given out by the change feed",
        "此游标不是变更流给出的",
    ),
    (
        "the cursor belongs to another list; start again without it",
        "此游标属于另一个列表；请不带游标重新开始",
    ),
    (
        "the cursor belongs to another order; start again without it",
        "此游标属于另一种排序；请不带游标重新开始",
    ),
    (
        "page forward with `first`/`after` or backward with `last`/`before`, not both",
        "向后翻页用 `first`/`after`，向前翻页用 `last`/`before`，不能同时使用",
    ),
    (
        "`{}` may be at most {}; ask for the next page with a cursor",
        "`{0}` 最多为 {1}；请用游标请求下一页",
    ),
    ("`{}` must not be negative", "`{0}` 不得为负数"),
    ("ask for at most 100 ids at once", "一次最多请求 100 个 id"),
    ("ask for 1 to {} events", "请请求 1 至 {0} 个事件"),
    (
        "the logs page forward only, newest first: use `first` and `after`",
        "日志只能向后翻页，最新的在前：请使用 `first` 和 `after`",
    ),
    ("this order is not available", "不支持此排序"),
    (
        "give at least one word to search for",
        "请至少给出一个检索词",
    ),
    (
        "the search is too long; use at most 100 characters",
        "检索内容过长；最多 100 个字符",
    ),
    (
        "use at most 8 words; each further word only narrows the result",
        "最多使用 8 个词；更多的词只会缩小结果",
    ),
    // Feeds, exports, pictures, documents, checkpoints.
    (
        "there is no such feed; feeds are /feeds/{}.atom, e.g. /feeds/powers.atom",
        "没有这个订阅源；订阅源为 /feeds/{0}.atom，例如 /feeds/powers.atom",
    ),
    (
        "no such export: GET /export/manifest.json lists every file",
        "没有这个导出文件：GET /export/manifest.json 列出全部文件",
    ),
    (
        "`bom` is 1 (a UTF-8 byte order mark before a CSV file) or 0",
        "`bom` 为 1（在 CSV 文件前加 UTF-8 字节顺序标记）或 0",
    ),
    (
        "no procedure (or exercise of it) has this id; pictures are /procedures/{}.svg",
        "没有此 id 的流程（或其运行实例）；流程图为 /procedures/{0}.svg",
    ),
    (
        "no exercise of this procedure has this id",
        "此流程没有此 id 的运行实例",
    ),
    (
        "asOf is a date, YYYY-MM-DD",
        "asOf 是日期，格式为 YYYY-MM-DD",
    ),
    (
        "no document has this name on a record you may see; documents are /documents/{}",
        "您可查看的记录上没有此名称的文件；文件地址为 /documents/{0}",
    ),
    ("there is no document with this name", "没有此名称的文件"),
    (
        "the range asks for no byte of this document",
        "所请求的范围不含此文件的任何字节",
    ),
    (
        "a document may have at most {} bytes",
        "文件最大为 {0} 字节",
    ),
    (
        "this content is not a {}; the type is read from the content, not the name",
        "此内容不是 {0}；类型依据内容判断，而不是文件名",
    ),
    (
        "PDF, PNG, JPEG, GIF, WebP or UTF-8 text",
        "PDF、PNG、JPEG、GIF、WebP 或 UTF-8 文本",
    ),
    (
        "a document is named by its SHA-256: 64 hex digits",
        "文件以其 SHA-256 命名：64 位十六进制数字",
    ),
    (
        "a record carries at most {} documents",
        "一条记录最多附带 {0} 个文件",
    ),
    (
        "upload the document first (POST /documents) and attach it by the name that answered",
        "请先上传文件（POST /documents），再用返回的名称附加",
    ),
    (
        "the only parameter is `sequence`, an entry's number",
        "唯一的参数是 `sequence`，即条目序号",
    ),
    (
        "no checkpoint has been made yet: the first comes within an interval of the first write",
        "尚未生成检查点：第一个检查点在首次写入后的一个周期内生成",
    ),
    // Writing.
    ("a new {} needs this", "新建{0}需要此项"),
    ("this cannot be empty", "此项不能为空"),
    ("this is longer than {} characters", "此项超过 {0} 个字符"),
    ("say why, for the record", "请说明理由，以备记录"),
    ("give the record's day", "请给出记录的日期"),
    ("say when the record is published", "请说明记录的发布时间"),
    ("give the day of the change", "请给出变更日期"),
    (
        "only a draft can be edited; a published record changes by a correction",
        "只有草稿可以编辑；已发布的记录通过更正修改",
    ),
    (
        "only a published record can be corrected; a draft is edited",
        "只有已发布的记录可以更正；草稿直接编辑",
    ),
    (
        "only a {} record can {}; this one is {}",
        "只有{0}的记录可以{1}；此记录为{2}",
    ),
    (
        "only a RESTRICTED record has an audience; set scope to RESTRICTED or leave the audience out",
        "只有特定范围公开（RESTRICTED）的记录才有公开对象；请将公开范围设为 RESTRICTED，或不填公开对象",
    ),
    (
        "a RESTRICTED record needs an audience: the organizations or people who may see it",
        "特定范围公开（RESTRICTED）的记录需要公开对象：可以查看它的单位或人员",
    ),
    (
        "{} is already used by another record of this organization; choose another",
        "{0} 已被本单位的另一条记录使用；请换一个",
    ),
    (
        "an organization cannot sit below itself or one of its own sub-organizations",
        "单位不能隶属于自身或自身的下级单位",
    ),
    ("this person is listed twice", "此人员被列出两次"),
    (
        "give a number from {} to {}, not {}",
        "请给出 {0} 至 {1} 之间的数，而不是 {2}",
    ),
    ("a count cannot be negative", "数量不得为负数"),
    ("a count of votes cannot be negative", "票数不得为负数"),
    ("an amount cannot be negative", "金额不得为负数"),
    (
        "write a month as YYYY-MM, e.g. 1968-03",
        "月份请写作 YYYY-MM，例如 1968-03",
    ),
    (
        "write a phone number with digits, spaces, +, - and parentheses, e.g. 0970-8612380",
        "电话号码只能包含数字、空格、+、- 和括号，例如 0970-8612380",
    ),
    (
        "write an e-mail address as name@host",
        "电子邮件地址请写作 name@host",
    ),
    (
        "a link starts with https:// or http://",
        "链接以 https:// 或 http:// 开头",
    ),
    (
        "a term cannot end before it starts",
        "任期不能在开始之前结束",
    ),
    (
        "the membership ends ({}) before it starts ({})",
        "任职结束日期（{0}）早于开始日期（{1}）",
    ),
    (
        "name at least one carrier (公开载体) the power is disclosed through",
        "请至少指明一种公开载体",
    ),
    (
        "disclosure within working days needs the number of working days",
        "限时公开需要给出工作日数",
    ),
    (
        "a number of working days goes only with the timing WITHIN_WORKING_DAYS",
        "工作日数只用于限时公开（WITHIN_WORKING_DAYS）",
    ),
    (
        "give a number of working days from 1 to {}",
        "请给出 1 至 {0} 之间的工作日数",
    ),
    (
        "give a time limit from 1 to 365 working days",
        "请给出 1 至 365 个工作日之间的时限",
    ),
    (
        "give the edges together with the steps they join",
        "请将连线与其连接的环节一起给出",
    ),
    ("two steps have the key {}", "两个环节的编号都是 {0}"),
    ("no step has the key {}", "没有编号为 {0} 的环节"),
    (
        "a reason for absence goes only with present: false",
        "缺席理由只用于 present: false",
    ),
    (
        "an observer (旁听) has a category from the observer pool, and only an observer",
        "只有列席旁听人员才有旁听人员库中的类别",
    ),
    (
        "agenda item {} ({}) is named by the decision {}; keep it, or change that decision first",
        "议题 {0}（{1}）被决定 {2} 引用；请保留它，或先修改该决定",
    ),
    (
        "a decision is adopted with more than half of the {} members entitled to vote (超过应到会成员半数); {} voted for",
        "决定须经超过应到会 {0} 名成员半数同意方可通过；赞成票为 {1}",
    ),
    (
        "{} votes were counted but {} voting members were present",
        "计票 {0} 张，但出席的有表决权成员为 {1} 人",
    ),
    (
        "a COMPLETED milestone needs the date it was done",
        "已完成（COMPLETED）的节点需要完成日期",
    ),
    (
        "a milestone with a date of completion is COMPLETED",
        "有完成日期的节点应为已完成（COMPLETED）",
    ),
    (
        "{} is before the meeting that took the decision ({}); a milestone falls due after its decision",
        "{0} 早于作出决定的会议（{1}）；节点的期限应在决定之后",
    ),
    (
        "a notice that starts needs an end",
        "有开始日期的公示需要结束日期",
    ),
    (
        "a notice that ends needs a start",
        "有结束日期的公示需要开始日期",
    ),
    (
        "the notice ends ({}) before it starts ({})",
        "公示结束日期（{0}）早于开始日期（{1}）",
    ),
    (
        "the deadline ({}) is before the vacancy was announced ({})",
        "截止日期（{0}）早于职位发布日期（{1}）",
    ),
    (
        "a probation runs from the appointment decision: give its date",
        "试用期自任职决定之日起计算：请给出该日期",
    ),
    (
        "a probation (试用期) lasts one year: from {} it ends on {}",
        "试用期为一年：自 {0} 起，至 {1} 止",
    ),
    (
        "the case was announced ({}) before it was decided ({})",
        "案件公布日期（{0}）早于处理决定日期（{1}）",
    ),
    (
        "a date of announcement goes with announced: true",
        "公布日期只用于 announced: true",
    ),
    (
        "only 留党察看 (PROBATION) has a term in years",
        "只有留党察看（PROBATION）有以年计的期限",
    ),
    (
        "留党察看 (probation within the party) runs 1 or 2 years: give its term",
        "留党察看期限为一年或二年：请给出期限",
    ),
    (
        "留党察看 runs 1 or 2 years, not {}",
        "留党察看期限为一年或二年，而不是 {0}",
    ),
    (
        "the crawl holds at most {} characters; this one has {}",
        "滚动字幕最多 {0} 个字符；此条有 {1} 个",
    ),
    ("the procedure has no step {}", "流程中没有环节 {0}"),
    (
        "an exercise starts at the procedure's first step {}",
        "权力运行实例从流程的第一个环节 {0} 开始",
    ),
    (
        "a step is left after it is entered",
        "离开环节的时间应晚于进入的时间",
    ),
    (
        "a step is entered after the one before it is left",
        "进入环节的时间应晚于离开上一环节的时间",
    ),
    (
        "a step that a later passage follows has been left: give the time",
        "后面还有环节，说明此环节已离开：请给出离开时间",
    ),
    (
        "step {} is left: add the passage through the step it went to",
        "环节 {0} 已离开：请补充所到环节的记录",
    ),
    (
        "the last passage has not left by an edge",
        "最后一个环节尚未经由连线离开",
    ),
    (
        "the procedure has no edge from {} to {}",
        "流程中没有从 {0} 到 {1} 的连线",
    ),
    // Data files of a county.
    (
        "name one record: { \"decision\": key }",
        "请指明一条记录：{ \"decision\": key }",
    ),
    (
        "no earlier entry is named `{}`",
        "前面没有名为 `{0}` 的条目",
    ),
    (
        "no earlier organization is `{}`",
        "前面没有名为 `{0}` 的单位",
    ),
    (
        "no demo document is named `{}`",
        "没有名为 `{0}` 的演示文件",
    ),
    ("no {} is named `{}`", "没有名为 `{1}` 的{0}"),
    ("two entries are named `{}`", "两个条目都名为 `{0}`"),
    // The way back.
    ("give the reply", "请填写答复内容"),
    ("give the reason", "请说明理由"),
    ("name the unit to assign to", "请指明交办单位"),
    ("there is no such organization", "没有此单位"),
    ("there is no such record", "没有此记录"),
    (
        "submissions page forward only, newest first: use `first` and `after`",
        "反馈事项只能从最新的向后翻页：请使用 `first` 和 `after`",
    ),
    (
        "only the office enters submissions that came another way than the web",
        "通过网站以外渠道收到的反馈只能由办公室录入",
    ),
    (
        "there is no submission with this id",
        "没有此 id 的反馈事项",
    ),
    (
        "there is no submission with this code and secret",
        "没有与此受理编号和查询密码相符的反馈事项",
    ),
    (
        "the submission changed since it was read; read it again",
        "反馈事项在读取后已被修改，请重新读取",
    ),
    (
        "the submission is at version {}, not {}; read it again",
        "反馈事项当前为第 {0} 版，而不是第 {1} 版，请重新读取",
    ),
    (
        "only a request for disclosure has its time extended",
        "只有依申请公开事项可以延长答复期限",
    ),
    ("only party members send proposals", "只有党员可以提交提案"),
    (
        "a {} may not {} a submission",
        "角色 {0} 无权对反馈事项执行 {1}",
    ),
    (
        "a submission that is {} cannot be {}",
        "处于 {0} 状态的反馈事项不能执行 {1}",
    ),
    (
        "the time to answer was extended once already",
        "答复期限已延长过一次",
    ),
    (
        "the round takes ballots from {} to {} and is not open now",
        "本轮评议的投票时间为 {0} 至 {1}，现在不在投票期内",
    ),
    (
        "party members vote in this round, each with their own token and no code",
        "本轮为党内评议：党员凭本人令牌投票，不使用评议码",
    ),
    (
        "this round takes ballots with a one-time code issued for it",
        "本轮为党外评议：凭为本轮发放的一次性评议码投票",
    ),
    (
        "only the office (supervisors) and admins issue codes",
        "只有办公室（监督人员）和管理员可以发放评议码",
    ),
    (
        "members vote with their tokens: a members' round has no codes",
        "党员凭令牌投票：党内评议没有评议码",
    ),
    ("the round is over", "本轮评议已结束"),
    ("the round is over already", "本轮评议已经结束"),
    ("the round is closed", "本轮评议已关闭"),
    ("the round is not published", "本轮评议尚未发布"),
    (
        "issue from 1 to {} codes at once",
        "每次发放 1 至 {0} 个评议码",
    ),
    (
        "answer every question of the questionnaire once; {} is answered {} times",
        "问卷的每个问题须回答且只回答一次：{0} 回答了 {1} 次",
    ),
    (
        "you have cast your ballot in this round already",
        "您已在本轮评议中投过票",
    ),
    (
        "this code is not valid for this round, or was used already",
        "此评议码不适用于本轮评议，或已被使用",
    ),
    ("too many ballots", "票数过多"),
    (
        "the office (supervisors) and admins read the comments, once the round is over",
        "评议结束后，只有办公室（监督人员）和管理员可以阅读评议意见",
    ),
    (
        "a round cannot close before it opens",
        "评议的结束日期不能早于开始日期",
    ),
    (
        "applications to attend this meeting are taken from {} to {}",
        "本次会议的旁听申请受理时间为 {0} 至 {1}",
    ),
    (
        "only the office (supervisors) and admins draw observers",
        "只有办公室（监督人员）和管理员可以抽签确定旁听人员",
    ),
    (
        "observers are drawn once the applications have closed",
        "旁听申请截止后才能抽签",
    ),
    (
        "this meeting takes no applications to attend",
        "本次会议不受理旁听申请",
    ),
    (
        "the observers of this meeting were drawn already",
        "本次会议的旁听人员已经抽签确定",
    ),
    (
        "applications cannot close before they open",
        "旁听申请的截止日期不能早于开始日期",
    ),
    (
        "applications close no later than the day of the meeting",
        "旁听申请最迟在会议当天截止",
    ),
    (
        "a meeting open to observers names applicationsOpenOn, applicationsCloseOn and observerSeats together",
        "接受旁听的会议须同时填写 applicationsOpenOn、applicationsCloseOn 和 observerSeats",
    ),
    (
        "this server sends no messages to such a contact",
        "本服务器不向此类联系方式发送消息",
    ),
    (
        "only records open to the public can be followed",
        "只能关注向社会公开的记录",
    ),
    (
        "there is no follow with this code and secret",
        "没有与此关注编号和确认码相符的关注",
    ),
    (
        "answer a request for disclosure with its outcome",
        "答复依申请公开事项须注明答复结果",
    ),
    (
        "only the answer to a request for disclosure has an outcome",
        "只有依申请公开事项的答复有答复结果",
    ),
    ("must not be empty", "不得为空"),
    ("must be at most {} characters", "不得超过 {0} 个字符"),
    (
        "give a phone number (digits, spaces, +, - and parentheses) or an email address",
        "请填写电话号码（数字、空格、+、- 和括号）或电子邮箱",
    ),
    (
        "name the meeting the application is for",
        "请指明申请旁听的会议",
    ),
    (
        "too many submissions from this address; send again later",
        "此地址提交的反馈过多，请稍后再提交",
    ),
    (
        "an answer was published of this submission already",
        "此反馈事项的答复已公开过",
    ),
    (
        "only an answered submission has an answer to publish",
        "只有已答复的反馈事项才能公开答复",
    ),
    (
        "the submitter did not agree to the publication of the answer",
        "提交人未同意公开答复",
    ),
    (
        "an answer cannot come before the question was received",
        "答复日期不能早于收到日期",
    ),
    (
        "a period cannot end before it starts",
        "期间的结束日期不能早于开始日期",
    ),
    (
        "a report cannot come before the period it reports on",
        "报告日期不能早于所报告期间的开始日期",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_chinese_or_english() {
        for (header, lang) in [
            (None, Lang::En),
            (Some("zh-CN,zh;q=0.9,en;q=0.8"), Lang::Zh),
            (Some("en-US,en;q=0.9,zh-CN;q=0.8"), Lang::En),
            (Some("fr, zh;q=0.5"), Lang::Zh),
            (Some("en;q=0.2, zh-Hans;q=0.7"), Lang::Zh),
            (Some("zh;q=0"), Lang::En),
            (Some("de"), Lang::En),
            (Some("*"), Lang::En),
        ] {
            assert_eq!(Lang::preferred(header), lang, "{header:?}");
        }
    }

    #[test]
    fn messages_keep_their_parts_in_chinese() {
        assert_eq!(
            zh("the record changed since you read it: it is at version 7; read it again")
                .as_deref(),
            Some("记录在您读取后已被修改，当前为第 7 版；请重新读取")
        );
        assert_eq!(
            zh("there is no decision with this id that you can see").as_deref(),
            Some("没有您可查看的此 id 的决策")
        );
        // A message that holds another: both parts come out in Chinese.
        assert_eq!(
            zh("filter.text[1] holds a NUL character, which no text may contain").as_deref(),
            Some("filter.text[1] 含有 NUL 字符，任何文本都不得包含")
        );
        assert_eq!(
            zh("this content is not a PDF, PNG, JPEG, GIF, WebP or UTF-8 text; the type is read from the content, not the name")
                .as_deref(),
            Some("此内容不是 PDF、PNG、JPEG、GIF、WebP 或 UTF-8 文本；类型依据内容判断，而不是文件名")
        );
        assert_eq!(
            zh("Unknown field \"nmae\" on type \"Power\". Did you mean \"name\"?").as_deref(),
            Some("类型 \"Power\" 上没有字段 \"nmae\"。您是否想用 \"name\"？")
        );
        assert_eq!(localize("something new", Lang::Zh), "something new");
        assert_eq!(
            localize("this cannot be empty", Lang::En),
            "this cannot be empty"
        );
    }

    /// The string literals with a space in each call of `marker` in `source`: the messages
    /// the API writes.
    fn messages_in(source: &str, marker: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut rest = source;
        while let Some(at) = rest.find(marker) {
            let before = rest[..at].chars().last();
            rest = &rest[at + marker.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // The call's text, up to its closing parenthesis.
            let (mut depth, mut in_string, mut escaped, mut end) = (1, false, false, rest.len());
            for (i, c) in rest.char_indices() {
                match (in_string, escaped, c) {
                    (true, true, _) => escaped = false,
                    (true, false, '\\') => escaped = true,
                    (true, false, '"') => in_string = false,
                    (false, _, '"') => in_string = true,
                    (false, _, '(') => depth += 1,
                    (false, _, ')') => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let call = &rest[..end];
            let mut literals = Vec::new();
            let mut chars = call.chars();
            while let Some(c) = chars.next() {
                if c != '"' {
                    continue;
                }
                let mut text = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(next) = chars.next() {
                                text.push(next);
                            }
                        }
                        '"' => break,
                        c => text.push(c),
                    }
                }
                literals.push(text);
            }
            if let Some(message) = literals.into_iter().rfind(|l| l.contains(' ')) {
                found.push(message);
            }
        }
        found
    }

    /// Whether `inner`, between braces, is a format argument: `{}`, `{name}`, `{:?}`.
    fn is_argument(inner: &str) -> bool {
        let (name, spec) = inner.split_once(':').unwrap_or((inner, ""));
        name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && spec.chars().all(|c| c == '?' || c.is_ascii_digit())
    }

    /// `message` with each `{…}` of a format string filled in, as the API would write it.
    fn sample(message: &str) -> String {
        let mut out = String::new();
        let mut rest = message;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            match rest[at..].find('}') {
                Some(end) if is_argument(&rest[at + 1..at + end]) => {
                    out.push_str("X1");
                    rest = &rest[at + end + 1..];
                }
                _ => {
                    out.push('{');
                    rest = &rest[at + 1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn every_message_of_the_sources_has_its_chinese() -> std::io::Result<()> {
        const MARKERS: &[&str] = &[
            "AppError::bad_input(",
            "AppError::forbidden(",
            "AppError::not_found(",
            "AppError::conflict(",
            "bad(",
            "refuse(",
            "Refusal::Forbidden(",
            "errors::refusal(",
        ];
        // Pieces that are not messages of their own, and reasons that go to the server log
        // only (a refused subscription token).
        const PIECES: &[&str] = &[
            " ",
            " or ",
            ": end it on X1 or later",
            "X1 X1",
            "not a header value",
            "not valid",
        ];
        let mut missing = Vec::new();
        let mut seen = 0;
        let mut folders = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder)? {
                let path = entry?.path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path)?;
                let source = text.split("#[cfg(test)]").next().unwrap_or_default();
                for marker in MARKERS {
                    for message in messages_in(source, marker) {
                        let message = sample(&message);
                        if PIECES.contains(&message.as_str()) {
                            continue;
                        }
                        seen += 1;
                        if zh(&message).is_none() {
                            missing.push(format!("{}: {message}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(seen > 100, "only {seen} messages found");
        assert!(missing.is_empty(), "{missing:#?}");
        Ok(())
    }
}
