#!/usr/bin/env bash
# curl against `apex org serve`: each OAuth flow the org serves, checked by its answer.
# Usage: oauth_flows.sh ORIGIN [CERT]  (CERT for an https origin).
set -euo pipefail
origin="$1"
tls=()
if [ -n "${2:-}" ]; then tls=(--cacert "$2"); fi
fail() { echo "FAIL $1"; exit 1; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin).get('$1', ''))"; }
here="$(cd "$(dirname "$0")" && pwd)"

# Password grant.
password=$(curl -sS "${tls[@]}" "$origin/services/oauth2/token" -d grant_type=password \
    -d client_id=apex-local-client -d client_secret=apex-local-secret \
    -d username=admin@apex.local -d password=apex-local-password)
token=$(echo "$password" | field access_token)
[ -n "$token" ] || fail "password grant: $password"
echo "ok   password grant"

# Client credentials, the client authenticated by a Basic header.
cc=$(curl -sS "${tls[@]}" -u apex-local-client:apex-local-secret "$origin/services/oauth2/token" -d grant_type=client_credentials)
[ -n "$(echo "$cc" | field access_token)" ] || fail "client credentials: $cc"
echo "ok   client credentials grant"

# The token works for REST, userinfo and the identity URL.
status=$(curl -sS "${tls[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$origin/services/data/v59.0/limits")
[ "$status" = 200 ] || fail "REST with the token: $status"
name=$(curl -sS "${tls[@]}" -H "Authorization: Bearer $token" "$origin/services/oauth2/userinfo" | field preferred_username)
[ "$name" = admin@apex.local ] || fail "userinfo: $name"
id_url=$(echo "$password" | field id)
user=$(curl -sS "${tls[@]}" "$id_url?format=json&oauth_token=$token" | field user_id)
[ "$user" = 005000000000001AAA ] || fail "identity URL: $user"
echo "ok   REST, userinfo and identity with the token"

# Revoke: the token stops working.
curl -sS "${tls[@]}" -o /dev/null "$origin/services/oauth2/revoke" -d "token=$token"
status=$(curl -sS "${tls[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$origin/services/data/v59.0/limits")
[ "$status" = 401 ] || fail "revoked token still works: $status"
echo "ok   revoke"

# Authorization code: authorize redirects to the callback with a code, the code buys an
# access token and a refresh token, the refresh token buys another access token.
callback="http://localhost:1717/OauthRedirect"
location=$(curl -sS "${tls[@]}" -o /dev/null -w '%{redirect_url}' \
    "$origin/services/oauth2/authorize?response_type=code&client_id=apex-local-client&redirect_uri=$callback&state=s1")
code=$(python3 -c "import sys, urllib.parse as u; print(u.parse_qs(u.urlparse(sys.argv[1]).query)['code'][0])" "$location")
[ -n "$code" ] || fail "authorize: $location"
exchange=$(curl -sS "${tls[@]}" "$origin/services/oauth2/token" -d grant_type=authorization_code -d "code=$code" \
    -d client_id=apex-local-client -d client_secret=apex-local-secret --data-urlencode "redirect_uri=$callback")
refresh=$(echo "$exchange" | field refresh_token)
[ -n "$refresh" ] || fail "authorization code: $exchange"
echo "ok   authorization code grant"
refreshed=$(curl -sS "${tls[@]}" "$origin/services/oauth2/token" -d grant_type=refresh_token -d "refresh_token=$refresh" \
    -d client_id=apex-local-client -d client_secret=apex-local-secret)
[ -n "$(echo "$refreshed" | field access_token)" ] || fail "refresh token: $refreshed"
echo "ok   refresh token grant"

# JWT bearer: an assertion signed with the test-only key whose certificate the project's
# Apex_Jwt_Client app holds buys an access token (and no refresh token).
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
jwt() {
    local header claims signature
    header=$(printf '{"alg":"RS256"}' | b64url)
    claims=$(printf '{"iss":"apex-jwt-client","sub":"admin@apex.local","aud":"%s","exp":%s}' "$1" "$(( $(date +%s) + 180 ))" | b64url)
    signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$here/jwt/apex-jwt-client-key.pem" | b64url)
    printf '%s.%s.%s' "$header" "$claims" "$signature"
}
grant=urn:ietf:params:oauth:grant-type:jwt-bearer
bearer=$(curl -sS "${tls[@]}" "$origin/services/oauth2/token" -d "grant_type=$grant" -d "assertion=$(jwt https://login.salesforce.com)")
jwt_token=$(echo "$bearer" | field access_token)
[ -n "$jwt_token" ] || fail "JWT bearer grant: $bearer"
[ -z "$(echo "$bearer" | field refresh_token)" ] || fail "JWT bearer grant gave a refresh token: $bearer"
status=$(curl -sS "${tls[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $jwt_token" "$origin/services/data/v59.0/limits")
[ "$status" = 200 ] || fail "REST with the JWT bearer token: $status"
wrong_aud=$(curl -sS "${tls[@]}" "$origin/services/oauth2/token" -d "grant_type=$grant" -d "assertion=$(jwt https://example.com)")
[ "$(echo "$wrong_aud" | field error_description)" = "Audience validation failed" ] || fail "JWT with a wrong audience: $wrong_aud"
echo "ok   JWT bearer grant"

# Refusals in the platform's words.
bad=$(curl -sS "${tls[@]}" "$origin/services/oauth2/token" -d grant_type=password -d client_id=nobody -d client_secret=x -d username=a -d password=b)
[ "$(echo "$bad" | field error_description)" = "client identifier invalid" ] || fail "unknown client: $bad"
echo "ok   refusals"
echo "oauth flows: all checks passed"
