"""Public access (``PUB``): who outside the account can reach data and APIs is the customer's to decide."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.public_access.pub001_s3_public_acl import S3PublicAcl
    from srmlint.packs.public_access.pub002_s3_block_public_acls import BlockPublicAclsOff
    from srmlint.packs.public_access.pub003_s3_block_public_policy import BlockPublicPolicyOff
    from srmlint.packs.public_access.pub004_s3_ignore_public_acls import IgnorePublicAclsOff
    from srmlint.packs.public_access.pub005_s3_restrict_public_buckets import RestrictPublicBucketsOff
    from srmlint.packs.public_access.pub006_resource_policy_public import ResourcePolicyPublic
    from srmlint.packs.public_access.pub007_data_service_publicly_accessible import PubliclyAccessibleDataService
    from srmlint.packs.public_access.pub008_public_ip_assignment import PublicIpAssignment
    from srmlint.packs.public_access.pub009_eks_endpoint_open import EksEndpointOpen
    from srmlint.packs.public_access.pub010_api_method_without_authorization import ApiMethodWithoutAuthorization
    from srmlint.packs.public_access.pub011_lambda_function_url_without_auth import FunctionUrlWithoutAuth
    from srmlint.packs.public_access.pub012_public_image_or_snapshot import PublicImageOrSnapshot
    from srmlint.packs.public_access.pub013_s3_public_access_block_missing import PublicAccessBlockMissing
    from srmlint.packs.public_access.pub014_transfer_server_public_endpoint import TransferServerPublicEndpoint
    from srmlint.packs.public_access.pub015_cognito_unauthenticated_identities import (
        CognitoUnauthenticatedIdentities,
    )
    from srmlint.packs.public_access.pub016_emr_block_public_access_off import EmrBlockPublicAccessOff
    from srmlint.packs.public_access.pub017_internet_facing_alb_without_waf import InternetFacingAlbWithoutWaf
    from srmlint.packs.public_access.pub018_cloudfront_default_root_object import CloudFrontDefaultRootObject

    return [
        S3PublicAcl(),
        BlockPublicAclsOff(),
        BlockPublicPolicyOff(),
        IgnorePublicAclsOff(),
        RestrictPublicBucketsOff(),
        ResourcePolicyPublic(),
        PubliclyAccessibleDataService(),
        PublicIpAssignment(),
        EksEndpointOpen(),
        ApiMethodWithoutAuthorization(),
        FunctionUrlWithoutAuth(),
        PublicImageOrSnapshot(),
        PublicAccessBlockMissing(),
        TransferServerPublicEndpoint(),
        CognitoUnauthenticatedIdentities(),
        EmrBlockPublicAccessOff(),
        InternetFacingAlbWithoutWaf(),
        CloudFrontDefaultRootObject(),
    ]
