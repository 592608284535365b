package io.lakestream.pipelines.model;

/**
 * One version of a user's profile from the {@code users} changelog topic (DESIGN.md, "Data
 * contract"): in force from {@code ts} until the user's next version. A record that breaks the
 * contract carries its {@link #quarantine} record instead, so the source never throws.
 */
public class ProfileVersion {
    public String userId;

    /** From when this version is in force, epoch ms UTC. */
    public long ts;

    public String country;
    public Integer age;
    public String tier;

    /** Non-null for a record that broke the contract (then the other fields mean nothing). */
    public QuarantineRecord quarantine;

    public ProfileVersion() {}

    /** A copy of the profile fields, for keeping in state (jobs run with object reuse). */
    public ProfileVersion copy() {
        ProfileVersion p = new ProfileVersion();
        p.userId = userId;
        p.ts = ts;
        p.country = country;
        p.age = age;
        p.tier = tier;
        return p;
    }
}
