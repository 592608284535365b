/**
 * Crypto-shredding of personal data: {@code user_id} is replaced, right after decoding, by {@code
 * HMAC-SHA256(user_id, k_user)} ({@link io.lakestream.pipelines.privacy.Pseudonymizer}), with a
 * random key per user held in a {@link io.lakestream.pipelines.privacy.KeyStore} outside the lake
 * (SQLite by default, PostgreSQL for a cluster; {@link io.lakestream.pipelines.privacy.KeyStores}).
 * Deleting a user's key ({@code lakestream forget-user}) makes their rows unlinkable everywhere at
 * once, and its tombstone keeps later runs from giving them a new pseudonym. The operators ({@link
 * io.lakestream.pipelines.privacy.UserPseudonymization} and its subclasses) are added to a job only
 * when a run has {@code --key-store}. Design: docs/decisions/0022-crypto-shredding.md.
 */
package io.lakestream.pipelines.privacy;
