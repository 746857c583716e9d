"""The web app in the packaged template: a private bucket read only by one CloudFront
distribution, the API's paths on the same origin, HTTPS only, a strict CSP, and uploads
allowed from the distribution's origin."""

from __future__ import annotations

import json
from typing import Any

from tests.integration.test_package import template  # noqa: F401 - the packaged template

CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"


def props(template: dict[str, Any], name: str) -> dict[str, Any]:  # noqa: F811
    resource: dict[str, Any] = template["Resources"][name]
    return dict(resource["Properties"])


def test_web_bucket_is_private_and_read_only_by_the_distribution(template: dict[str, Any]) -> None:  # noqa: F811
    bucket = props(template, "WebBucket")
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    statements = props(template, "WebBucketPolicy")["PolicyDocument"]["Statement"]
    allows = [s for s in statements if s["Effect"] == "Allow"]
    assert len(allows) == 1
    (allow,) = allows
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allow["Action"] == "s3:GetObject"
    assert "${WebDistribution}" in json.dumps(allow["Condition"])  # this distribution only
    oac = props(template, "WebOriginAccessControl")["OriginAccessControlConfig"]
    assert oac["SigningBehavior"] == "always" and oac["OriginAccessControlOriginType"] == "s3"


def test_one_origin_for_the_app_and_the_api_over_https(template: dict[str, Any]) -> None:  # noqa: F811
    config = props(template, "WebDistribution")["DistributionConfig"]
    origins = {o["Id"]: o for o in config["Origins"]}
    assert origins["web"]["OriginAccessControlId"] == {
        "Fn::GetAtt": ["WebOriginAccessControl", "Id"]
    }
    assert origins["api"]["OriginPath"] == "/api"  # the API stage
    assert origins["api"]["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    routed = {b["PathPattern"]: b for b in config["CacheBehaviors"]}
    assert set(routed) == {"/v1/*", "/health", "/openapi.json"}
    for behavior in routed.values():
        assert behavior["TargetOriginId"] == "api"
        assert behavior["CachePolicyId"] == CACHING_DISABLED  # tokens and answers never cached
        assert behavior["OriginRequestPolicyId"] == ALL_VIEWER_EXCEPT_HOST
        assert "POST" in behavior["AllowedMethods"]
    default = config["DefaultCacheBehavior"]
    assert default["TargetOriginId"] == "web" and default["Compress"] is True
    behaviors = [default, *routed.values()]
    assert all(b["ViewerProtocolPolicy"] in ("https-only", "redirect-to-https") for b in behaviors)
    assert all(b["ResponseHeadersPolicyId"] == {"Ref": "WebSecurityHeaders"} for b in behaviors)


def test_strict_content_security_policy_and_security_headers(template: dict[str, Any]) -> None:  # noqa: F811
    config = props(template, "WebSecurityHeaders")["ResponseHeadersPolicyConfig"]
    headers = config["SecurityHeadersConfig"]
    csp = headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
    directives = {d.split()[0]: d.split()[1:] for d in " ".join(csp.split()).split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]
    assert "unsafe" not in csp
    uploads = [o for o in directives["connect-src"] if "uploads" in o]
    assert uploads and all(o.startswith("https://layanan-kesra-${Stage}-uploads-") for o in uploads)
    assert headers["FrameOptions"]["FrameOption"] == "DENY"
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000


def test_uploads_are_allowed_from_the_distribution(template: dict[str, Any]) -> None:  # noqa: F811
    (rule,) = props(template, "UploadBucket")["CorsConfiguration"]["CorsRules"]
    assert rule["AllowedMethods"] == ["POST"]
    assert "https://${WebDistribution.DomainName}" in json.dumps(rule["AllowedOrigins"])


def test_client_routes_fall_back_to_their_entry(template: dict[str, Any]) -> None:  # noqa: F811
    code = props(template, "WebSpaRoutes")["FunctionCode"]
    assert "/staff/index.html" in code and "/index.html" in code
