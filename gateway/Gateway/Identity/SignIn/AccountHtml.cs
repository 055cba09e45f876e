using System.Text;
using System.Text.Encodings.Web;

namespace Gateway.Identity.SignIn;

/// <summary>
/// The sign-in pages, written by the gateway itself (no script: they work under the portal's CSP and without
/// JavaScript), in the portal's look and in Polish.
/// </summary>
public static class AccountHtml
{
    public static IResult Page(string title, string body, int status = 200) => Results.Content($$"""
        <!doctype html>
        <html lang="pl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} – Platforma strategii rozwoju</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/css/portal.css">
        </head>
        <body data-ready="true">
        <a class="skip" href="#main">Przejdź do treści</a>
        <header id="site-header"><div class="header-inner"><a class="brand" href="/"><img src="/favicon.svg" alt="" width="28" height="28"><span>Platforma strategii rozwoju</span></a></div></header>
        <main id="main" tabindex="-1" class="account-page">
        <h1>{{E(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);

    // Polish letters stay as they are in the page source (the default encoder writes them as entities).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? "");

    public static string Alert(string? message, string kind = "error") => string.IsNullOrEmpty(message) ? ""
        : $"""<div class="alert alert-{(kind == "error" ? "error" : kind)}" role="{(kind == "error" ? "alert" : "status")}" id="account-{kind}">{E(message)}</div>""";

    public static string Hidden(string name, string? value) => $"""<input type="hidden" name="{name}" value="{E(value)}">""";

    public static string Field(string id, string label, string type, string autocomplete, string? value = null, string? hint = null) => $"""
        <div class="field">
          <label for="{id}">{E(label)}</label>
          <input id="{id}" name="{id}" type="{type}" autocomplete="{autocomplete}" required{(value is null ? "" : $" value=\"{E(value)}\"")}{(hint is null ? "" : $" aria-describedby=\"{id}-hint\"")}>
          {(hint is null ? "" : $"<div class=\"hint\" id=\"{id}-hint\">{E(hint)}</div>")}
        </div>
        """;

    /// <summary>Only an address on this site: a sign-in never sends the browser elsewhere (open redirect).</summary>
    public static string LocalOr(string? returnUrl, string fallback = "/") =>
        returnUrl is { Length: > 0 } r && r[0] == '/' && (r.Length == 1 || (r[1] != '/' && r[1] != '\\')) ? r : fallback;
}
