//! `soql_query` and `sosl_query`: the inside of `[SELECT …]` and `[FIND …]`, with `:bind`
//! expressions parsed by the full expression grammar. See grammar/soql.ebnf.

use super::literal::{literal, signed_number};
use super::{any_word, word, Extra, Input, P};
use crate::ast::*;
use crate::escape::unescape;
use crate::span::Spanned;
use crate::token::Token;
use chumsky::prelude::*;
use chumsky::recursive::Direct;

type SExpr = Spanned<Expr>;

/// Words that end a clause, so they are never taken as an alias.
const CLAUSE_WORDS: &[&str] = &[
    "from",
    "where",
    "with",
    "group",
    "having",
    "order",
    "limit",
    "offset",
    "for",
    "update",
    "all",
    "using",
    "when",
    "then",
    "else",
    "end",
    "returning",
    "in",
];

fn alias<'src>() -> P<'src, Name> {
    select! { Token::Ident(text) if !CLAUSE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(text)) => Ident(text.to_string()) }
        .spanned()
        .labelled("alias")
        .boxed()
}

fn words<'src>(first: &'static str, second: &'static str) -> P<'src, ()> {
    word(first).then(word(second)).ignored().boxed()
}

/// `field_path := word ('.' word)*`
fn field_path<'src>() -> P<'src, FieldPath> {
    any_word().separated_by(just(Token::Dot)).at_least(1).collect::<Vec<_>>().map(FieldPath).labelled("field").boxed()
}

/// `field_expr := function_call | field_path`
fn field_expr<'src>(value: P<'src, Spanned<QueryValue>>) -> P<'src, Spanned<FieldExpr>> {
    recursive(|field_expr| {
        let call = any_word()
            .then(
                field_expr
                    .separated_by(just(Token::Comma))
                    .collect::<Vec<_>>()
                    .delimited_by(just(Token::LParen), just(Token::RParen)),
            )
            .map(|(name, args)| FieldExpr::Function(FunctionCall { name, args }));
        let literal_arg = value.map(|v| FieldExpr::Value(v.node));
        choice((call, field_path().map(FieldExpr::Field), literal_arg)).spanned()
    })
    .boxed()
}

/// `value := ':' expression | datetime | relative_date | '-'? literal | date_word | '(' soql_query ')' | '(' value (',' value)* ')'`
fn value<'src>(expr: P<'src, SExpr>, query: P<'src, Query>) -> P<'src, Spanned<QueryValue>> {
    recursive(|value| {
        let bind = just(Token::Colon).ignore_then(expr).map(|e| QueryValue::Bind(Box::new(e)));
        let date_time = select! { Token::SoqlDateTime(text) => QueryValue::DateTime(text.to_string()) };
        let relative = select! { Token::SoqlRelativeDate(text) => text }.map_with(|text: &str, e| {
            let (name, count) = text.split_once(':').unwrap_or((text, "0"));
            let span: crate::span::Span = e.span();
            let name_span = crate::span::Span::new(span.file, span.start, span.start + name.len() as u32);
            QueryValue::DateLiteral { name: Spanned::new(Ident(name.to_string()), name_span), n: count.parse().ok() }
        });
        let negative = signed_number().map(QueryValue::Literal);
        let date_word = select! { Token::Ident(text) => Ident(text.to_string()) }
            .spanned()
            .map(|name| QueryValue::DateLiteral { name, n: None });
        let subquery =
            query.delimited_by(just(Token::LParen), just(Token::RParen)).map(|q| QueryValue::Subquery(Box::new(q)));
        let list = value
            .separated_by(just(Token::Comma))
            .at_least(1)
            .collect::<Vec<_>>()
            .delimited_by(just(Token::LParen), just(Token::RParen))
            .map(QueryValue::List);
        choice((bind, date_time, relative, literal().map(QueryValue::Literal), negative, date_word, subquery, list))
            .spanned()
            .labelled("value")
    })
    .boxed()
}

fn compare_op<'src>() -> P<'src, CompareOp> {
    let symbol = select! {
        Token::Assign => CompareOp::Eq,
        Token::NotEq => CompareOp::Ne,
        Token::LtGt => CompareOp::Ne,
        Token::Lt => CompareOp::Lt,
        Token::LtEq => CompareOp::Le,
        Token::Gt => CompareOp::Gt,
        Token::GtEq => CompareOp::Ge,
    };
    choice((
        symbol,
        word("like").to(CompareOp::Like),
        word("in").to(CompareOp::In),
        words("not", "in").to(CompareOp::NotIn),
        word("includes").to(CompareOp::Includes),
        word("excludes").to(CompareOp::Excludes),
    ))
    .labelled("comparison operator")
    .boxed()
}

/// `condition := and_condition ('OR' and_condition)*`, `and_condition := not_condition ('AND' not_condition)*`,
/// `not_condition := 'NOT' not_condition | '(' condition ')' | field_expr compare_op value`
fn condition<'src>(value: P<'src, Spanned<QueryValue>>) -> P<'src, Spanned<Condition>> {
    recursive(|condition: Recursive<Direct<'src, 'src, Input<'src>, Spanned<Condition>, Extra<'src>>>| {
        let compare = field_expr(value.clone())
            .then(compare_op())
            .then(value.clone())
            .map(|((lhs, op), rhs)| Condition::Compare { lhs, op, rhs })
            .spanned();
        let group = condition
            .delimited_by(just(Token::LParen), just(Token::RParen))
            .map(|c| Condition::Paren(Box::new(c)))
            .spanned();
        let not = recursive(|not: Recursive<Direct<'src, 'src, Input<'src>, Spanned<Condition>, Extra<'src>>>| {
            word("not").ignore_then(not).map(|c| Condition::Not(Box::new(c))).spanned().or(group).or(compare)
        });
        let and = not.clone().foldl(word("and").ignore_then(not).repeated(), |l, r| {
            let span = l.span.cover(r.span);
            Spanned::new(Condition::And(Box::new(l), Box::new(r)), span)
        });
        and.clone()
            .foldl(word("or").ignore_then(and).repeated(), |l, r| {
                let span = l.span.cover(r.span);
                Spanned::new(Condition::Or(Box::new(l), Box::new(r)), span)
            })
            .labelled("condition")
    })
    .boxed()
}

/// `order_by := 'ORDER' 'BY' order_item (',' order_item)*`
fn order_by<'src>(value: P<'src, Spanned<QueryValue>>) -> P<'src, Vec<Spanned<OrderItem>>> {
    let direction = choice((word("asc").to(false), word("desc").to(true)));
    let nulls = word("nulls").ignore_then(choice((word("first").to(true), word("last").to(false))));
    let item = field_expr(value)
        .then(direction.or_not())
        .then(nulls.or_not())
        .map(|((field, descending), nulls_first)| OrderItem {
            field,
            descending: descending.unwrap_or(false),
            nulls_first,
        })
        .spanned();
    words("order", "by").ignore_then(item.separated_by(just(Token::Comma)).at_least(1).collect()).boxed()
}

/// `select_item := '(' soql_query ')' | typeof | function_call alias? | field_path alias?`
fn select_item<'src>(query: P<'src, Query>, value: P<'src, Spanned<QueryValue>>) -> P<'src, Spanned<SelectItem>> {
    let subquery =
        query.delimited_by(just(Token::LParen), just(Token::RParen)).map(|q| SelectItem::Subquery(Box::new(q)));
    let fields = || field_path().separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>();
    let when = word("when").ignore_then(any_word()).then_ignore(word("then")).then(fields());
    let type_of = word("typeof")
        .ignore_then(any_word())
        .then(when.repeated().at_least(1).collect::<Vec<_>>())
        .then(just(Token::Else).ignore_then(fields()).or_not())
        .then_ignore(word("end"))
        .map(|((field, whens), otherwise)| SelectItem::TypeOf {
            field,
            whens,
            otherwise: otherwise.unwrap_or_default(),
        });
    let field = field_expr(value).then(alias().or_not()).map(|(expr, alias)| match expr.node {
        FieldExpr::Function(call) => SelectItem::Function { call, alias },
        FieldExpr::Field(path) => SelectItem::Field { path, alias },
        FieldExpr::Value(_) => SelectItem::Field { path: FieldPath(Vec::new()), alias },
    });
    choice((subquery, type_of, field)).spanned().labelled("field").boxed()
}

/// `with_clause := 'WITH' ('DATA' 'CATEGORY' category_filter ('AND' category_filter)* | word)`
fn with_clause<'src>() -> P<'src, Spanned<WithClause>> {
    let names = any_word().separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>();
    let categories = names.delimited_by(just(Token::LParen), just(Token::RParen)).or(any_word().map(|n| vec![n]));
    let filter = any_word()
        .then(any_word())
        .then(categories)
        .map(|((group, selector), categories)| CategoryFilter { group, selector, categories })
        .spanned();
    let data_category = words("data", "category")
        .ignore_then(filter.separated_by(word("and")).at_least(1).collect())
        .map(WithClause::DataCategory);
    word("with").ignore_then(choice((data_category, any_word().map(WithClause::Mode)))).spanned().boxed()
}

/// `soql_query := 'SELECT' select_item (',' select_item)* 'FROM' field_path alias? ('USING' 'SCOPE' word)?
///   ('WHERE' condition)? with_clause? group_by? ('HAVING' condition)? order_by? ('LIMIT' value)?
///   ('OFFSET' value)? ('FOR' word)? ('UPDATE' word)? ('ALL' 'ROWS')?`
pub(crate) fn soql_query<'src>(expr: P<'src, SExpr>) -> P<'src, Query> {
    recursive(|query: Recursive<Direct<'src, 'src, Input<'src>, Query, Extra<'src>>>| {
        let value = value(expr.clone(), query.clone().boxed());
        let select_list =
            select_item(query.boxed(), value.clone()).separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>();
        let from = word("from")
            .ignore_then(field_path().then(alias().or_not()))
            .map(|(object, alias)| FromClause { object, alias })
            .spanned();
        let group_kind = choice((word("rollup"), word("cube")));
        let group_fields =
            || field_expr(value.clone()).separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>();
        let group_by = words("group", "by")
            .ignore_then(choice((
                group_kind
                    .then(group_fields().delimited_by(just(Token::LParen), just(Token::RParen)))
                    .map(|(k, f)| GroupBy { kind: Some(k), fields: f }),
                group_fields().map(|fields| GroupBy { kind: None, fields }),
            )))
            .spanned();
        let head = word("select")
            .ignore_then(select_list)
            .then(from)
            .then(words("using", "scope").ignore_then(any_word()).or_not())
            .then(word("where").ignore_then(condition(value.clone())).or_not())
            .then(with_clause().or_not())
            .then(group_by.or_not())
            .then(word("having").ignore_then(condition(value.clone())).or_not());
        let tail = order_by(value.clone())
            .or_not()
            .then(word("limit").ignore_then(value.clone()).or_not())
            .then(word("offset").ignore_then(value).or_not())
            .then(just(Token::For).ignore_then(any_word()).or_not())
            .then(just(Token::Update).ignore_then(any_word()).or_not())
            .then(words("all", "rows").or_not());
        head.then(tail).map(|(head, tail)| {
            let ((((((select, from), using_scope), filter), with), group_by), having) = head;
            let (((((order_by, limit), offset), for_clause), update_clause), all_rows) = tail;
            Query {
                select,
                from,
                using_scope,
                filter,
                with,
                group_by,
                having,
                order_by: order_by.unwrap_or_default(),
                limit,
                offset,
                for_clause,
                update_clause,
                all_rows: all_rows.is_some(),
            }
        })
    })
    .boxed()
}

/// `sosl_query := 'FIND' search_term ('IN' word 'FIELDS')? ('RETURNING' returning (',' returning)*)?
///   ('WITH' word ('=' value)?)* ('LIMIT' value)? ('UPDATE' word)?`
pub(crate) fn search<'src>(expr: P<'src, SExpr>) -> P<'src, Search> {
    let query = soql_query(expr.clone());
    let value = value(expr.clone(), query.clone());
    let term = choice((
        select! { Token::SoslText(text) => SearchTerm::Braced(text.trim_start_matches('{').trim_end_matches('}').to_string()) },
        select! { Token::Str(text) => SearchTerm::Quoted(unescape(text)) },
        just(Token::Colon).ignore_then(expr).map(|e| SearchTerm::Bind(Box::new(e))),
    ))
    .spanned()
    .labelled("search term");
    let group =
        choice((word("all"), word("name"), word("email"), word("phone"), word("sidebar"))).labelled("search group");
    let scope = word("in").ignore_then(group).then_ignore(word("fields"));
    let fields = select_item(query, value.clone()).separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>();
    let returning_body = fields
        .then(word("where").ignore_then(condition(value.clone())).or_not())
        .then(order_by(value.clone()).or_not())
        .then(word("limit").ignore_then(value.clone()).or_not())
        .delimited_by(just(Token::LParen), just(Token::RParen));
    let returning = any_word()
        .then(returning_body.or_not())
        .map(|(object, body)| match body {
            Some((((fields, filter), order_by), limit)) => {
                Returning { object, fields, filter, order_by: order_by.unwrap_or_default(), limit }
            }
            None => Returning { object, fields: Vec::new(), filter: None, order_by: Vec::new(), limit: None },
        })
        .spanned();
    let with = word("with")
        .ignore_then(any_word())
        .then(just(Token::Assign).ignore_then(value.clone()).or_not())
        .map(|(name, value)| SearchWith { name, value })
        .spanned();
    word("find")
        .ignore_then(term)
        .then(scope.or_not())
        .then(
            word("returning")
                .ignore_then(returning.separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>())
                .or_not(),
        )
        .then(with.repeated().collect::<Vec<_>>())
        .then(word("limit").ignore_then(value).or_not())
        .then(just(Token::Update).ignore_then(any_word()).or_not())
        .map(|(((((term, scope), returning), with), limit), update_clause)| Search {
            term,
            scope,
            returning: returning.unwrap_or_default(),
            with,
            limit,
            update_clause,
        })
        .boxed()
}
