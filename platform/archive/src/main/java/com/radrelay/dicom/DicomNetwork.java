package com.radrelay.dicom;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which AE titles belong to which clinic, and which peers may call them. AE titles are unique across the
 * platform (the called AE title is how an association finds its clinic); peers live under row-level security.
 */
@Service
public class DicomNetwork {

    // PS3.5 AE: up to 16 characters of the default repertoire, no backslash or control characters.
    private static final Pattern AE_TITLE = Pattern.compile("[\\x20-\\x5b\\x5d-\\x7e]{1,16}");
    private static final RowMapper<Peer> PEER = (rs, i) -> new Peer(rs.getObject("id", UUID.class),
            rs.getString("ae_title"), rs.getString("host"), (Integer) rs.getObject("port"), rs.getString("description"),
            rs.getString("certificate_sha256"));

    private final JdbcTemplate jdbc;
    private final TenantJdbcTransactions tx;
    private final AuditLog audit;

    DicomNetwork(JdbcTemplate jdbc, TenantJdbcTransactions tx, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    static String checkAeTitle(String aeTitle) {
        String t = aeTitle.strip();
        if (!AE_TITLE.matcher(t).matches()) {
            throw new IllegalArgumentException("an AE title has 1-16 characters, no backslash: '" + aeTitle + "'");
        }
        return t;
    }

    /** Gives the current clinic an AE title that its modalities will call. */
    @Transactional
    public void registerAeTitle(String aeTitle) {
        TenantId clinic = CurrentTenant.require();
        String aet = checkAeTitle(aeTitle);
        try {
            jdbc.update("insert into dicom_ae_titles (ae_title, tenant_id, created_at) values (?, ?, now())",
                    aet, clinic.value());
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("AE title " + aet + " is already taken on this platform");
        }
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "AE_TITLE_REGISTERED", "ae-title", aet, AuditEvent.Outcome.SUCCESS, null));
    }

    public List<String> aeTitles(TenantId clinic) {
        return tx.execute(clinic, () -> jdbc.queryForList(
                "select ae_title from dicom_ae_titles where tenant_id = ? order by ae_title", String.class,
                clinic.value()));
    }

    /** The clinic an AE title belongs to: how an incoming association finds its tenant. */
    public Optional<TenantId> clinicOf(String calledAeTitle) {
        return Optional.ofNullable(jdbc.queryForObject("select dicom_ae_title_clinic(?)", UUID.class,
                calledAeTitle.strip())).map(TenantId::new);
    }

    /**
     * Lets a device call the current clinic: from {@code host} (an IP address, a CIDR range such as 10.0.0.0/24, or
     * a host name), and, with a port, receive studies by C-MOVE there (one address, not a range).
     */
    @Transactional
    public Peer registerPeer(String aeTitle, @Nullable String host, @Nullable Integer port, String description) {
        return registerPeer(aeTitle, host, port, description, null);
    }

    /**
     * As above, or known by its TLS certificate instead of (or besides) its address: {@code certificate} is the
     * device's certificate (PEM) or its SHA-256 fingerprint.
     */
    @Transactional
    public Peer registerPeer(String aeTitle, @Nullable String host, @Nullable Integer port, String description,
            @Nullable String certificate) {
        TenantId clinic = CurrentTenant.require();
        String where = host == null ? "" : host.strip();
        String fingerprint = PeerCertificates.fingerprintOf(certificate);
        if (where.isEmpty() && fingerprint == null) {
            throw new IllegalArgumentException("a device needs the address it calls from (an IP address, a range "
                    + "such as 10.0.0.0/24, or a host name) or the certificate it presents over DICOM TLS");
        }
        if (where.isEmpty() && port != null) {
            throw new IllegalArgumentException("a device that receives studies (with a port) needs its address");
        }
        if (PeerAddresses.isRange(where)) {
            PeerAddresses.checkRange(where);
            if (port != null) {
                throw new IllegalArgumentException("a device that receives studies (with a port) needs one address, "
                        + "not the range " + where);
            }
        }
        if (port != null) {
            MoveDestinations.refusal(where).ifPresent(why -> {
                throw new IllegalArgumentException(where + " cannot receive images: it is " + why);
            });
        }
        Peer peer = new Peer(UUID.randomUUID(), aeTitle, where, port, description == null ? "" : description.strip(),
                fingerprint);
        try {
            jdbc.update("insert into dicom_peers (id, tenant_id, ae_title, host, port, description, "
                    + "certificate_sha256, created_at) values (?, ?, ?, ?, ?, ?, ?, now())", peer.id(), clinic.value(),
                    peer.aeTitle(), peer.host(), peer.port(), peer.description(), peer.certificateSha256());
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("peer " + peer.aeTitle() + " is already registered");
        }
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "DICOM_PEER_REGISTERED", "dicom-peer",
                peer.aeTitle(), AuditEvent.Outcome.SUCCESS, (peer.host() == null ? "any address" : peer.host())
                        + (peer.port() == null ? "" : ":" + peer.port())
                        + (fingerprint == null ? "" : "; certificate sha256:" + fingerprint)));
        return peer;
    }

    /**
     * Where a C-MOVE to this peer goes: its host resolved now, every address it resolves to allowed; empty when the
     * peer is not a destination or its host may not receive images.
     */
    public Optional<InetSocketAddress> moveTarget(Peer peer) {
        if (!peer.moveDestination()) {
            return Optional.empty();
        }
        return MoveDestinations.resolve(peer.host()).map(a -> new InetSocketAddress(a, peer.port()));
    }

    @Transactional
    public void removePeer(UUID id) {
        TenantId clinic = CurrentTenant.require();
        int removed = jdbc.update("delete from dicom_peers where id = ?", id);
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "DICOM_PEER_REMOVED", "dicom-peer", id.toString(),
                removed == 1 ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE, null));
    }

    /** The current clinic's peers. */
    @Transactional(readOnly = true)
    public List<Peer> peers() {
        CurrentTenant.require();
        return jdbc.query("select * from dicom_peers order by ae_title", PEER);
    }

    /** The clinic's peer with this AE title (an association's caller, a C-MOVE destination). */
    public Optional<Peer> peer(TenantId clinic, String aeTitle) {
        return tx.execute(clinic, () -> jdbc.query("select * from dicom_peers where ae_title = ?", PEER,
                aeTitle.strip()).stream().findFirst());
    }
}
